/** Brazilian Portuguese (você); also what a page in any other Portuguese gets, rather than English. */
import type { ErrorTexts, Translation } from './translation.ts';

const ERRORS: ErrorTexts = {
  network: 'Não foi possível acessar o serviço de integrações. Verifique a conexão e tente de novo.',
  timeout: 'A solicitação demorou demais. Tente de novo.',
  'token-rejected': 'Sua sessão de integrações não é mais válida. Entre de novo para continuar.',
  'rate-limited': 'Muitas solicitações ao serviço de integrações. Tente de novo em instantes.',
  server: 'O serviço de integrações falhou. Tente de novo em instantes.',
  'bad-response': 'O serviço de integrações enviou uma resposta que não dá para usar. Tente de novo.',
  graphql: 'O serviço de integrações recusou a ação. Verifique os serviços da integração e tente de novo.',
  'not-found': 'Esta integração ou conta não existe mais.',
  'popup-blocked': 'O navegador bloqueou a janela. Selecione Continuar para abri-la.',
  'dialog-closed': 'A janela foi fechada antes de terminar.',
  'dialog-error': 'A janela informou um problema. Tente de novo.',
  'invalid-config': 'As integrações não estão configuradas corretamente. Fale com o suporte.',
  aborted: 'A ação foi cancelada.',
};

const ptBR: Translation = ({ n, plural, list }) => {
  const integrations = (count: number) => plural(count, { one: '# integração', other: '# integrações' });
  return {
    loading: 'Carregando integrações…',
    loadFailed: 'Não foi possível carregar as integrações.',
    retry: 'Tentar de novo',
    empty: 'Ainda não há integrações disponíveis.',
    noMatch: (tags) => `Nenhuma integração corresponde ${plural(tags.length, { one: 'à tag', other: 'às tags' })} ${list(tags)}.`,
    signedOut: 'Entre na sua conta para ver e conectar suas integrações.',
    backendFailed: 'As integrações não estão disponíveis agora. Tente mais tarde ou fale com o suporte se o problema continuar.',
    imageAlt: (title) => `Logotipo de ${title}`,

    stateNotConnected: 'Não conectada',
    stateNeedsAuth: 'Precisa de autorização',
    stateEnabled: 'Ativada',
    stateDisabled: 'Desativada',
    stateUpdateRequired: 'Atualização necessária',
    updateRequiredNote: 'Uma nova versão precisa que você autorize de novo antes de funcionar.',
    newerVersionNote: 'Há uma versão mais recente, que será aplicada automaticamente.',
    systemUpdateNote: 'Há uma versão mais recente; o fornecedor vai atualizá-la para você.',

    showAll: 'Mostrar tudo',
    showLess: 'Mostrar menos',
    services: 'Serviços',
    authorized: 'Autorizado',
    notAuthorized: 'Não autorizado',

    connect: 'Conectar',
    setUp: 'Configurar',
    editSettings: 'Editar configurações',
    authorize: (slot) => `Autorizar ${slot}`,
    reconnect: (slot) => `Reconectar ${slot}`,
    update: (slot) => `Atualizar ${slot}`,
    continue: 'Continuar',
    popupBlocked: 'A janela de login foi bloqueada. Selecione Continuar para abri-la.',
    enable: 'Ativar',
    disable: 'Desativar',
    delete: 'Excluir',
    confirmDelete: (title) => `Excluir ${title}? Os fluxos de trabalho param e ela não poderá ser restaurada.`,
    confirmDeleteYes: 'Sim, excluir',
    confirmDeleteNo: 'Manter',
    working: 'Processando…',
    settingUp: 'Sendo configurada na janela aberta…',

    busyRetrying: (seconds) => `Ocupado — tentando de novo em ${n(seconds)} s`,
    loadingMore: (loaded, total) => `Carregando mais… ${n(loaded)}${total === null ? '' : ` de ${n(total)}`}`,
    announceLoaded: (count) => plural(count, { one: '# integração carregada.', other: '# integrações carregadas.' }),
    announceConnected: (title) => `${title} conectada. Autorize para continuar.`,
    announceConfigured: (title) => `Configurações de ${title} salvas.`,
    announceSetupCancelled: (title) => `Configuração de ${title} cancelada.`,
    announceAuthorized: (slot) => `Autorização de ${slot} concluída.`,
    announceCancelled: (slot) => `Autorização de ${slot} cancelada.`,
    announceEnabled: (title) => `Integração ${title} ativada.`,
    announceDisabled: (title) => `Integração ${title} desativada.`,
    announceDeleted: (title) => `Integração ${title} excluída.`,
    announceUpdated: (title) => `Integração ${title} atualizada para a nova versão.`,
    error: (code, message) => ERRORS[code as keyof ErrorTexts] ?? message,

    searchLabel: 'Pesquisar integrações',
    searchPlaceholder: 'Nome, descrição ou tag',
    filtersLabel: 'Filtros',
    tagsLabel: 'Tags',
    categoriesLabel: 'Categorias',
    connectionLabel: 'Status',
    connected: 'Conectadas',
    notConnected: 'Não conectadas',
    facet: (value, count) => `${value} (${n(count)})`,
    clearFilters: 'Limpar filtros',
    noResults: 'Nenhuma integração corresponde à pesquisa e aos filtros.',
    results: (shown, total) =>
      shown === total ? integrations(total) : `Exibindo ${n(shown)} de ${integrations(total)}`,
    showAccounts: (count) => `Contas conectadas (${n(count)})`,

    accountsTitle: 'Contas conectadas',
    accountsLoading: 'Carregando contas…',
    showCatalog: 'Voltar às integrações',
    accountsEmpty: 'Ainda não há contas conectadas. Quando você autorizar um serviço em uma integração, a conta aparece aqui.',
    accountUsedBy: 'Usada por',
    accountUnused: 'Nenhuma integração usa esta conta.',
    reconnectAccount: 'Reconectar',
    removeAccount: 'Remover',
    removeAccountInUse: (used) =>
      `Ainda usada por ${list(used)}. Primeiro exclua ${plural(used.length, { one: 'essa integração ou reconecte-a', other: 'essas integrações ou reconecte-as' })} a outra conta.`,
    confirmRemoveAccount: (account, service) => `Remover a conta ${account} (${service})? Você pode conectá-la de novo depois.`,
    confirmRemoveAccountYes: 'Sim, remover',
    confirmRemoveAccountNo: 'Manter',
    announceAccounts: (count) => plural(count, { one: '# conta conectada.', other: '# contas conectadas.' }),
    announceAccountRemoved: (account) => `Conta ${account} removida.`,

    solutionNotFound: 'Esta integração não está disponível.',
    connectingElsewhere: 'Sendo conectada em outra janela…',
  };
};

export default ptBR;
