/**
 * The property hooks a host writes, typed from the package's own entry, as
 * the reference names them: `npm run typecheck` fails if one is no longer
 * exported or no longer fits the element's property.
 */
import type { CatalogToolbarMessages, ResolveConfig, TrayIntegrationsElement, ValidateConfigHook } from 'tray-integrations';

const resolveConfig: ResolveConfig = (solution) => (solution.configSlots.length ? { external_slack_channel: '#orders' } : undefined);
const validateConfig: ValidateConfigHook = async (slots, { signal }) => (signal.aborted || slots.length ? undefined : { external_sheet_name: 'Give the sheet a name.' });
const toolbar: Partial<CatalogToolbarMessages> = {};

export function configure(widget: TrayIntegrationsElement): void {
  widget.resolveConfig = resolveConfig;
  widget.validateConfig = validateConfig;
  widget.messages = { ...toolbar };
}
