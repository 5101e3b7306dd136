/** German (Sie). */
import type { ErrorTexts, Translation } from './translation.ts';

const ERRORS: ErrorTexts = {
  network: 'Der Integrationsdienst ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
  timeout: 'Die Anfrage hat zu lange gedauert. Versuchen Sie es erneut.',
  'token-rejected': 'Ihre Sitzung für die Integrationen ist nicht mehr gültig. Melden Sie sich erneut an, um fortzufahren.',
  'rate-limited': 'Zu viele Anfragen an den Integrationsdienst. Versuchen Sie es gleich noch einmal.',
  server: 'Beim Integrationsdienst ist ein Fehler aufgetreten. Versuchen Sie es gleich noch einmal.',
  'bad-response': 'Der Integrationsdienst hat eine unbrauchbare Antwort gesendet. Versuchen Sie es erneut.',
  graphql: 'Der Integrationsdienst hat die Aktion abgelehnt. Prüfen Sie die Dienste der Integration und versuchen Sie es erneut.',
  'not-found': 'Diese Integration oder dieses Konto gibt es nicht mehr.',
  'popup-blocked': 'Der Browser hat das Fenster blockiert. Wählen Sie „Weiter“, um es zu öffnen.',
  'dialog-closed': 'Das Fenster wurde geschlossen, bevor der Vorgang abgeschlossen war.',
  'dialog-error': 'Im Fenster ist ein Problem aufgetreten. Versuchen Sie es erneut.',
  'invalid-config': 'Die Integrationen sind nicht richtig eingerichtet. Wenden Sie sich an den Support.',
  aborted: 'Der Vorgang wurde abgebrochen.',
};

const de: Translation = ({ n, plural, list }) => {
  const integrations = (count: number) => plural(count, { one: '# Integration', other: '# Integrationen' });
  return {
    loading: 'Integrationen werden geladen…',
    loadFailed: 'Die Integrationen konnten nicht geladen werden.',
    retry: 'Erneut versuchen',
    empty: 'Noch sind keine Integrationen verfügbar.',
    noMatch: (tags) => `Keine Integration hat ${plural(tags.length, { one: 'den Tag', other: 'die Tags' })} ${list(tags)}.`,
    signedOut: 'Melden Sie sich an, um Ihre Integrationen zu sehen und zu verbinden.',
    backendFailed: 'Die Integrationen sind gerade nicht verfügbar. Versuchen Sie es später noch einmal oder wenden Sie sich an den Support, wenn das Problem bleibt.',
    imageAlt: (title) => `Logo von ${title}`,

    stateNotConnected: 'Nicht verbunden',
    stateNeedsAuth: 'Autorisierung nötig',
    stateEnabled: 'Aktiviert',
    stateDisabled: 'Deaktiviert',
    stateUpdateRequired: 'Update erforderlich',
    updateRequiredNote: 'Eine neue Version braucht Ihre erneute Autorisierung, bevor sie laufen kann.',
    newerVersionNote: 'Eine neuere Version ist verfügbar und wird automatisch übernommen.',
    systemUpdateNote: 'Eine neuere Version ist verfügbar; der Anbieter aktualisiert sie für Sie.',

    services: 'Dienste',
    authorized: 'Autorisiert',
    notAuthorized: 'Nicht autorisiert',

    connect: 'Verbinden',
    setUp: 'Einrichten',
    editSettings: 'Einstellungen bearbeiten',
    authorize: (slot) => `${slot} autorisieren`,
    reconnect: (slot) => `${slot} neu verbinden`,
    update: (slot) => `${slot} aktualisieren`,
    continue: 'Weiter',
    popupBlocked: 'Das Anmeldefenster wurde blockiert. Wählen Sie „Weiter“, um es zu öffnen.',
    enable: 'Aktivieren',
    disable: 'Deaktivieren',
    delete: 'Löschen',
    confirmDelete: (title) => `${title} löschen? Die Workflows stoppen, und die Integration lässt sich nicht wiederherstellen.`,
    confirmDeleteYes: 'Ja, löschen',
    confirmDeleteNo: 'Behalten',
    working: 'Wird ausgeführt…',

    loadingMore: (loaded, total) => `Weitere werden geladen… ${n(loaded)}${total === null ? '' : ` von ${n(total)}`}`,
    announceLoaded: (count) => `${integrations(count)} geladen.`,
    announceConnected: (title) => `${title} ist verbunden. Autorisieren Sie die Integration, um fortzufahren.`,
    announceConfigured: (title) => `Einstellungen für ${title} gespeichert.`,
    announceSetupCancelled: (title) => `Einrichtung von ${title} abgebrochen.`,
    announceAuthorized: (slot) => `${slot} autorisiert.`,
    announceCancelled: (slot) => `Autorisierung von ${slot} abgebrochen.`,
    announceEnabled: (title) => `${title} aktiviert.`,
    announceDisabled: (title) => `${title} deaktiviert.`,
    announceDeleted: (title) => `${title} gelöscht.`,
    announceUpdated: (title) => `${title} auf die neue Version aktualisiert.`,
    error: (code, message) => ERRORS[code as keyof ErrorTexts] ?? message,

    searchLabel: 'Integrationen durchsuchen',
    searchPlaceholder: 'Name, Beschreibung oder Tag',
    filtersLabel: 'Filter',
    tagsLabel: 'Tags',
    categoriesLabel: 'Kategorien',
    connectionLabel: 'Status',
    connected: 'Verbunden',
    notConnected: 'Nicht verbunden',
    facet: (value, count) => `${value} (${n(count)})`,
    clearFilters: 'Filter zurücksetzen',
    noResults: 'Keine Integration passt zur Suche und zu den Filtern.',
    results: (shown, total) => (shown === total ? integrations(total) : `${n(shown)} von ${integrations(total)} angezeigt`),
    showAccounts: (count) => `Verbundene Konten (${n(count)})`,

    accountsTitle: 'Verbundene Konten',
    accountsLoading: 'Konten werden geladen…',
    showCatalog: 'Zurück zu den Integrationen',
    accountsEmpty: 'Noch keine verbundenen Konten. Sobald Sie einen Dienst für eine Integration autorisieren, erscheint sein Konto hier.',
    accountUsedBy: 'Verwendet von',
    accountUnused: 'Keine Integration verwendet dieses Konto.',
    reconnectAccount: 'Neu verbinden',
    removeAccount: 'Entfernen',
    removeAccountInUse: (used) =>
      `Wird noch von ${list(used)} verwendet. Löschen Sie zuerst ${plural(used.length, { one: 'diese Integration', other: 'diese Integrationen' })} oder verbinden Sie sie mit einem anderen Konto.`,
    confirmRemoveAccount: (account, service) => `Konto ${account} (${service}) entfernen? Sie können es später wieder verbinden.`,
    confirmRemoveAccountYes: 'Ja, entfernen',
    confirmRemoveAccountNo: 'Behalten',
    announceAccounts: (count) => plural(count, { one: '# verbundenes Konto.', other: '# verbundene Konten.' }),
    announceAccountRemoved: (account) => `Konto ${account} entfernt.`,

    solutionNotFound: 'Diese Integration ist nicht verfügbar.',
    connectingElsewhere: 'Wird in einem anderen Fenster verbunden…',
  };
};

export default de;
