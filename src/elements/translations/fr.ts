/** French (vous). A narrow no-break space (U+202F) goes before ? and ;, as French typesetting has it. */
import type { ErrorTexts, Translation } from './translation.ts';

const ERRORS: ErrorTexts = {
  network: 'Impossible de joindre le service d’intégrations. Vérifiez la connexion et réessayez.',
  timeout: 'La demande a pris trop de temps. Réessayez.',
  'token-rejected': 'Votre session d’intégrations n’est plus valide. Reconnectez-vous pour continuer.',
  'rate-limited': 'Trop de demandes envoyées au service d’intégrations. Réessayez dans un instant.',
  server: 'Le service d’intégrations a rencontré une erreur. Réessayez dans un instant.',
  'bad-response': 'Le service d’intégrations a envoyé une réponse inutilisable. Réessayez.',
  graphql: 'Le service d’intégrations a refusé l’action. Vérifiez les services de l’intégration et réessayez.',
  'not-found': 'Cette intégration ou ce compte n’existe plus.',
  'popup-blocked': 'Le navigateur a bloqué la fenêtre. Choisissez Continuer pour l’ouvrir.',
  'dialog-closed': 'La fenêtre a été fermée avant la fin.',
  'dialog-error': 'La fenêtre a signalé un problème. Réessayez.',
  'invalid-config': 'Les intégrations sont mal configurées. Contactez le support.',
  aborted: 'L’action a été annulée.',
};

const fr: Translation = ({ n, plural, list }) => {
  const integrations = (count: number) => plural(count, { one: '# intégration', other: '# intégrations' });
  return {
    loading: 'Chargement des intégrations…',
    loadFailed: 'Impossible de charger les intégrations.',
    retry: 'Réessayer',
    empty: 'Aucune intégration n’est encore disponible.',
    noMatch: (tags) => `Aucune intégration ne correspond ${plural(tags.length, { one: 'au tag', other: 'aux tags' })} ${list(tags)}.`,
    signedOut: 'Connectez-vous pour voir et connecter vos intégrations.',
    backendFailed: 'Les intégrations ne sont pas disponibles pour le moment. Réessayez plus tard ou contactez le support si le problème persiste.',
    imageAlt: (title) => `Logo de ${title}`,

    stateNotConnected: 'Non connectée',
    stateNeedsAuth: 'Autorisation requise',
    stateEnabled: 'Activée',
    stateDisabled: 'Désactivée',
    stateUpdateRequired: 'Mise à jour requise',
    updateRequiredNote: 'Une nouvelle version demande une nouvelle autorisation avant de pouvoir s’exécuter.',
    newerVersionNote: 'Une version plus récente est disponible et sera appliquée automatiquement.',
    systemUpdateNote: 'Une version plus récente est disponible\u202f; le fournisseur s’occupe de la mise à jour.',

    showAll: 'Tout afficher',
    showLess: 'Afficher moins',
    services: 'Services',
    authorized: 'Autorisé',
    notAuthorized: 'Non autorisé',

    connect: 'Connecter',
    setUp: 'Configurer',
    editSettings: 'Modifier les paramètres',
    authorize: (slot) => `Autoriser ${slot}`,
    reconnect: (slot) => `Reconnecter ${slot}`,
    update: (slot) => `Mettre à jour ${slot}`,
    continue: 'Continuer',
    popupBlocked: 'La fenêtre de connexion a été bloquée. Choisissez Continuer pour l’ouvrir.',
    enable: 'Activer',
    disable: 'Désactiver',
    delete: 'Supprimer',
    confirmDelete: (title) => `Supprimer ${title}\u202f? Ses workflows s’arrêtent et elle ne pourra pas être restaurée.`,
    confirmDeleteYes: 'Oui, supprimer',
    confirmDeleteNo: 'Conserver',
    working: 'En cours…',
    settingUp: 'Configuration en cours dans la fenêtre ouverte…',

    busyRetrying: (seconds) => `Occupé — nouvel essai dans ${n(seconds)} s`,
    loadingMore: (loaded, total) => `Chargement de la suite… ${n(loaded)}${total === null ? '' : ` sur ${n(total)}`}`,
    announceLoaded: (count) => plural(count, { one: '# intégration chargée.', other: '# intégrations chargées.' }),
    announceConnected: (title) => `${title} est connectée. Autorisez-la pour continuer.`,
    announceConfigured: (title) => `Paramètres de ${title} enregistrés.`,
    announceSetupCancelled: (title) => `Configuration de ${title} annulée.`,
    announceAuthorized: (slot) => `Autorisation de ${slot} accordée.`,
    announceCancelled: (slot) => `Autorisation de ${slot} annulée.`,
    announceEnabled: (title) => `Intégration ${title} activée.`,
    announceDisabled: (title) => `Intégration ${title} désactivée.`,
    announceDeleted: (title) => `Intégration ${title} supprimée.`,
    announceUpdated: (title) => `Intégration ${title} mise à jour vers la nouvelle version.`,
    error: (code, message) => ERRORS[code as keyof ErrorTexts] ?? message,

    searchLabel: 'Rechercher des intégrations',
    searchPlaceholder: 'Nom, description ou tag',
    filtersLabel: 'Filtres',
    tagsLabel: 'Tags',
    categoriesLabel: 'Catégories',
    connectionLabel: 'Statut',
    connected: 'Connectées',
    notConnected: 'Non connectées',
    facet: (value, count) => `${value} (${n(count)})`,
    clearFilters: 'Effacer les filtres',
    noResults: 'Aucune intégration ne correspond à la recherche et aux filtres.',
    results: (shown, total) =>
      shown === total
        ? integrations(total)
        : `${plural(shown, { one: '# intégration affichée', other: '# intégrations affichées' })} sur ${n(total)}`,
    showAccounts: (count) => `Comptes connectés (${n(count)})`,

    accountsTitle: 'Comptes connectés',
    accountsLoading: 'Chargement des comptes…',
    showCatalog: 'Retour aux intégrations',
    accountsEmpty: 'Aucun compte connecté pour l’instant. Quand vous autorisez un service pour une intégration, son compte apparaît ici.',
    accountUsedBy: 'Utilisé par',
    accountUnused: 'Aucune intégration n’utilise ce compte.',
    reconnectAccount: 'Reconnecter',
    removeAccount: 'Retirer',
    removeAccountInUse: (used) =>
      `Encore utilisé par ${list(used)}. Supprimez d’abord ${plural(used.length, { one: 'cette intégration ou reconnectez-la', other: 'ces intégrations ou reconnectez-les' })} à un autre compte.`,
    confirmRemoveAccount: (account, service) => `Retirer le compte ${account} (${service})\u202f? Vous pourrez le connecter à nouveau plus tard.`,
    confirmRemoveAccountYes: 'Oui, retirer',
    confirmRemoveAccountNo: 'Conserver',
    announceAccounts: (count) => plural(count, { one: '# compte connecté.', other: '# comptes connectés.' }),
    announceAccountRemoved: (account) => `Compte ${account} retiré.`,

    solutionNotFound: 'Cette intégration n’est pas disponible.',
    connectingElsewhere: 'Connexion en cours dans une autre fenêtre…',
    changingElsewhere: 'Modification en cours dans une autre fenêtre…',
  };
};

export default fr;
