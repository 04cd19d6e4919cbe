/** Who may call the web module: the authentication mechanism and identity stores. */
package it.segreteria.voicemail.web.security;
