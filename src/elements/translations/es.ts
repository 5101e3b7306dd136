/** Spanish (tú). */
import type { ErrorTexts, Translation } from './translation.ts';

const ERRORS: ErrorTexts = {
  network: 'No se pudo conectar con el servicio de integraciones. Revisa la conexión y vuelve a intentarlo.',
  timeout: 'La solicitud tardó demasiado. Vuelve a intentarlo.',
  'token-rejected': 'Tu sesión de integraciones ya no es válida. Inicia sesión de nuevo para continuar.',
  'rate-limited': 'Demasiadas solicitudes al servicio de integraciones. Vuelve a intentarlo en un momento.',
  server: 'El servicio de integraciones falló. Vuelve a intentarlo en un momento.',
  'bad-response': 'El servicio de integraciones envió una respuesta que no se puede usar. Vuelve a intentarlo.',
  graphql: 'El servicio de integraciones rechazó la acción. Revisa los servicios de la integración y vuelve a intentarlo.',
  'not-found': 'Esta integración o cuenta ya no existe.',
  'popup-blocked': 'El navegador bloqueó la ventana. Selecciona Continuar para abrirla.',
  'dialog-closed': 'La ventana se cerró antes de terminar.',
  'dialog-error': 'La ventana informó de un problema. Vuelve a intentarlo.',
  'invalid-config': 'Las integraciones no están bien configuradas. Contacta con soporte.',
  aborted: 'La acción se canceló.',
};

const es: Translation = ({ n, plural, list }) => {
  const integrations = (count: number) => plural(count, { one: '# integración', other: '# integraciones' });
  return {
    loading: 'Cargando integraciones…',
    loadFailed: 'No se pudieron cargar las integraciones.',
    retry: 'Reintentar',
    empty: 'Todavía no hay integraciones disponibles.',
    noMatch: (tags) => `Ninguna integración coincide con ${plural(tags.length, { one: 'la etiqueta', other: 'las etiquetas' })} ${list(tags)}.`,
    signedOut: 'Inicia sesión para ver y conectar tus integraciones.',
    backendFailed: 'Las integraciones no están disponibles en este momento. Inténtalo más tarde o contacta con soporte si el problema continúa.',
    imageAlt: (title) => `Logotipo de ${title}`,

    stateNotConnected: 'No conectada',
    stateNeedsAuth: 'Requiere autorización',
    stateEnabled: 'Activada',
    stateDisabled: 'Desactivada',
    stateUpdateRequired: 'Actualización necesaria',
    updateRequiredNote: 'Una nueva versión necesita que vuelvas a autorizar antes de poder ejecutarse.',
    newerVersionNote: 'Hay una versión más reciente y se aplicará automáticamente.',
    systemUpdateNote: 'Hay una versión más reciente; el proveedor la actualizará por ti.',

    showAll: 'Mostrar todo',
    showLess: 'Mostrar menos',
    services: 'Servicios',
    authorized: 'Autorizado',
    notAuthorized: 'Sin autorizar',

    connect: 'Conectar',
    setUp: 'Configurar',
    editSettings: 'Editar ajustes',
    authorize: (slot) => `Autorizar ${slot}`,
    reconnect: (slot) => `Volver a conectar ${slot}`,
    update: (slot) => `Actualizar ${slot}`,
    continue: 'Continuar',
    popupBlocked: 'Se bloqueó la ventana de inicio de sesión. Selecciona Continuar para abrirla.',
    enable: 'Activar',
    disable: 'Desactivar',
    delete: 'Eliminar',
    confirmDelete: (title) => `¿Eliminar ${title}? Sus flujos de trabajo se detienen y no se podrá restaurar.`,
    confirmDeleteYes: 'Sí, eliminar',
    confirmDeleteNo: 'Conservar',
    working: 'Procesando…',
    settingUp: 'Se está configurando en la ventana abierta…',

    busyRetrying: (seconds) => `Ocupado: se reintentará en ${n(seconds)} s`,
    loadingMore: (loaded, total) => `Cargando más… ${n(loaded)}${total === null ? '' : ` de ${n(total)}`}`,
    announceLoaded: (count) => plural(count, { one: '# integración cargada.', other: '# integraciones cargadas.' }),
    announceConnected: (title) => `${title} está conectada. Autorízala para continuar.`,
    announceConfigured: (title) => `Ajustes de ${title} guardados.`,
    announceSetupCancelled: (title) => `Configuración de ${title} cancelada.`,
    announceAuthorized: (slot) => `Autorización de ${slot} completada.`,
    announceCancelled: (slot) => `Autorización de ${slot} cancelada.`,
    announceEnabled: (title) => `Integración ${title} activada.`,
    announceDisabled: (title) => `Integración ${title} desactivada.`,
    announceDeleted: (title) => `Integración ${title} eliminada.`,
    announceUpdated: (title) => `Integración ${title} actualizada a la nueva versión.`,
    error: (code, message) => ERRORS[code as keyof ErrorTexts] ?? message,

    searchLabel: 'Buscar integraciones',
    searchPlaceholder: 'Nombre, descripción o etiqueta',
    filtersLabel: 'Filtros',
    tagsLabel: 'Etiquetas',
    categoriesLabel: 'Categorías',
    connectionLabel: 'Estado',
    connected: 'Conectadas',
    notConnected: 'No conectadas',
    facet: (value, count) => `${value} (${n(count)})`,
    clearFilters: 'Borrar filtros',
    noResults: 'Ninguna integración coincide con la búsqueda y los filtros.',
    results: (shown, total) =>
      shown === total ? integrations(total) : `${plural(shown, { one: 'Se muestra #', other: 'Se muestran #' })} de ${integrations(total)}`,
    showAccounts: (count) => `Cuentas conectadas (${n(count)})`,

    accountsTitle: 'Cuentas conectadas',
    accountsLoading: 'Cargando cuentas…',
    showCatalog: 'Volver a las integraciones',
    accountsEmpty: 'Todavía no hay cuentas conectadas. Cuando autorices un servicio para una integración, su cuenta aparecerá aquí.',
    accountUsedBy: 'Usada por',
    accountUnused: 'Ninguna integración usa esta cuenta.',
    reconnectAccount: 'Volver a conectar',
    removeAccount: 'Quitar',
    removeAccountInUse: (used) =>
      `Todavía la ${plural(used.length, { one: 'usa', other: 'usan' })} ${list(used)}. Primero elimina ${plural(used.length, { one: 'esa integración o conéctala', other: 'esas integraciones o conéctalas' })} a otra cuenta.`,
    confirmRemoveAccount: (account, service) => `¿Quitar la cuenta ${account} (${service})? Puedes volver a conectarla más tarde.`,
    confirmRemoveAccountYes: 'Sí, quitar',
    confirmRemoveAccountNo: 'Conservar',
    announceAccounts: (count) => plural(count, { one: '# cuenta conectada.', other: '# cuentas conectadas.' }),
    announceAccountRemoved: (account) => `Se quitó la cuenta ${account}.`,

    solutionNotFound: 'Esta integración no está disponible.',
    connectingElsewhere: 'Se está conectando en otra ventana…',
  };
};

export default es;
