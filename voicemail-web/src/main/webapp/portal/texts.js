// The portal's words in Italian and English (docs/user-guide.md uses the same).
export const TEXTS = {
  it: {
    title: 'Segreteria virtuale', otherLanguage: 'English', logout: 'Esci',
    new: 'Nuovi', heard: 'Ascoltati', saved: 'Salvati', deleted: 'Eliminati', all: 'Tutti',
    play: 'Ascolta', download: 'Scarica', save: 'Salva', delete: 'Elimina', restore: 'Ripristina',
    markHeard: 'Segna come ascoltato', markUnheard: 'Segna come nuovo', callBack: 'Richiama',
    unknownCaller: 'Numero sconosciuto', empty: 'Nessun messaggio qui.', loading: 'Caricamento…',
    failed: 'Non riesco a caricare i messaggi: riprova tra poco.',
    sessionOver: 'La sessione è scaduta: ricarica la pagina per accedere di nuovo.',
    cutShort: 'interrotto',
    state: { NEW: 'nuovo', HEARD: 'ascoltato', SAVED: 'salvato', DELETED: 'eliminato' },
    email: { SENT: 'email inviata', PENDING: 'email in invio', FAILED: 'email non recapitata', NONE: 'nessuna email' },
    newMessage: 'Nuovo messaggio',
  },
  en: {
    title: 'Voicemail', otherLanguage: 'Italiano', logout: 'Sign out',
    new: 'New', heard: 'Heard', saved: 'Saved', deleted: 'Deleted', all: 'All',
    play: 'Play', download: 'Download', save: 'Save', delete: 'Delete', restore: 'Restore',
    markHeard: 'Mark as heard', markUnheard: 'Mark as new', callBack: 'Call back',
    unknownCaller: 'Unknown number', empty: 'No messages here.', loading: 'Loading…',
    failed: 'The messages cannot be loaded: try again shortly.',
    sessionOver: 'Your session is over: reload the page to sign in again.',
    cutShort: 'cut short',
    state: { NEW: 'new', HEARD: 'heard', SAVED: 'saved', DELETED: 'deleted' },
    email: { SENT: 'email sent', PENDING: 'email being sent', FAILED: 'email not delivered', NONE: 'no email' },
    newMessage: 'New message',
  },
};
