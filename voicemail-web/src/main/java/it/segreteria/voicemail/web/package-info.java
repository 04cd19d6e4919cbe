/** The web module: REST API, and later the employee and admin portals; security configuration. */
package it.segreteria.voicemail.web;
