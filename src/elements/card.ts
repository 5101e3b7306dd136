/**
 * One card: a solution, and the user's integration (instance) of it if any.
 * Pure rendering: every action goes back to the element through `CardContext`
 * (and "Show all", which only changes how much of the card shows, is
 * clamp-toggle.ts's).
 * All Tray text goes through Lit text/attribute bindings, so solution
 * titles, descriptions and tags can never become markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Authentication, Solution, SolutionInstance } from '../services/types.ts';
import type { CardActivity } from './card-activity.ts';
import { cardKey, isBusy } from './card-activity.ts';
import type { CardActions } from './card-actions.ts';
import { errorText, type TrayMessages } from './messages.ts';
import { authIdOf, cardState, missingSlots, upgradeSlots, type CardState } from './model.ts';
import { quoting } from './partner-text.ts';
import { safeImageUrl, solutionImage } from './solution-image.ts';

export interface CardContext {
  m: TrayMessages;
  activity: CardActivity;
  /** The solution is connected through Tray's configuration wizard (Set up) rather than Connect. */
  usesWizard: boolean;
  /** Auths already gathered for an upgrade, by slot externalId. */
  upgradeAuths: Readonly<Record<string, string>>;
  /** A DOM id prefix unique within the shadow root. */
  id: string;
  auths: readonly Authentication[];
  actions: CardActions;
}

const STATE_LABEL: Record<CardState, keyof TrayMessages> = {
  'not-connected': 'stateNotConnected',
  'needs-auth': 'stateNeedsAuth',
  'update-required': 'stateUpdateRequired',
  enabled: 'stateEnabled',
  disabled: 'stateDisabled',
};

/**
 * The second click of a double click (`detail` 2) does nothing: when the
 * first one's answer comes back quickly, the button under the pointer is
 * already the next one (Disable becomes Enable), and it would undo the
 * first. Keyboard presses and separate clicks have `detail` 0 or 1.
 */
const ignoreRepeatClick = (onClick: () => void) => (event: MouseEvent) => event.detail < 2 && onClick();

function button(
  ctx: CardContext,
  action: string,
  label: TemplateResult | string,
  onClick: () => void,
  disabled: boolean,
  variant = '',
  slot = '',
): TemplateResult {
  return html`<button
    type="button"
    class=${variant}
    part="button button-${action}"
    data-action=${action}
    data-slot=${slot}
    aria-describedby="${ctx.id}-title"
    ?disabled=${disabled}
    @click=${ignoreRepeatClick(onClick)}
  >
    ${label}
  </button>`;
}

function services(solution: Solution, instance: SolutionInstance, ctx: CardContext) {
  const { m } = ctx;
  return html`<ul class="services" part="services" aria-label=${m.services}>
    ${solution.authSlots.map((slot) => {
      const authId = authIdOf(instance, slot.externalId);
      const auth = authId === null ? undefined : ctx.auths.find((a) => a.id === authId);
      const icon = auth ? safeImageUrl(auth.service?.icon) : null;
      // Always the slot's title, so the line reads the same before and after
      // a reload; the service's icon joins it once the auth is known. The
      // styles put a ✓ or ! (by the part) in a column before it; the words
      // say the same to a screen reader.
      return html`<li part="service service-${authId === null ? 'missing' : 'authorized'}">
        ${icon ? html`<img src=${icon} alt="" />` : nothing} <bdi>${slot.title}</bdi>: ${authId === null ? m.notAuthorized : m.authorized}
      </li>`;
    })}
  </ul>`;
}

function actions(solution: Solution, instance: SolutionInstance | undefined, state: CardState, ctx: CardContext) {
  const { m, activity, actions: act } = ctx;
  const busy = isBusy(activity);
  if (!instance) {
    return ctx.usesWizard
      ? button(ctx, 'setup', m.setUp, () => act.setUp(solution), busy, 'primary')
      : button(ctx, 'connect', m.connect, () => act.connect(solution), busy, 'primary');
  }
  if (activity.kind === 'confirming-delete') {
    return html`<p part="confirm" id="${ctx.id}-confirm">${quoting(m.confirmDelete, solution.title)}</p>
      ${button(ctx, 'confirm-delete', m.confirmDeleteYes, () => act.remove(instance), busy, 'danger')}
      ${button(ctx, 'cancel-delete', m.confirmDeleteNo, () => act.askDelete(instance, false), busy)}`;
  }
  const out: TemplateResult[] = [];
  if (activity.kind === 'popup-blocked') {
    out.push(button(ctx, 'continue', m.continue, () => act.continueBlocked(instance), busy, 'primary', activity.slot.externalId));
  }
  // Each next step is marked primary; the styles show only the first as such
  // (Continue, else the first service to update or authorize), the rest as
  // secondary, so a card has one primary button.
  if (state === 'update-required') {
    for (const slot of upgradeSlots(solution, instance)) {
      if (!ctx.upgradeAuths[slot.externalId]) {
        out.push(button(ctx, 'update', quoting(m.update, slot.title), () => act.upgrade(instance, slot), busy, 'primary', slot.externalId));
      }
    }
  } else {
    // The services to authorize first, so the card's next step leads its row; then those to reconnect.
    const missing = missingSlots(solution, instance);
    for (const slot of missing) {
      out.push(button(ctx, 'authorize', quoting(m.authorize, slot.title), () => act.authorize(instance, slot), busy, 'primary', slot.externalId));
    }
    for (const slot of solution.authSlots) {
      if (!missing.includes(slot)) out.push(button(ctx, 'reconnect', quoting(m.reconnect, slot.title), () => act.reconnect(instance, slot), busy, '', slot.externalId));
    }
  }
  if (solution.configSlots.length) out.push(button(ctx, 'configure', m.editSettings, () => act.editSettings(instance), busy));
  // An instance awaiting an update still runs its current version, so the
  // user may stop or restart it meanwhile.
  if (state === 'enabled' || state === 'disabled' || state === 'update-required') {
    // Enable is a disabled card's one next step (an update, when one is required, is that card's).
    out.push(button(ctx, 'toggle', instance.enabled ? m.disable : m.enable, () => act.toggle(instance), busy, state === 'disabled' ? 'primary' : ''));
  }
  out.push(button(ctx, 'delete', m.delete, () => act.askDelete(instance, true), busy, 'danger'));
  return out;
}

export function renderCard(solution: Solution, instance: SolutionInstance | undefined, ctx: CardContext): TemplateResult {
  const { m, activity } = ctx;
  const state = cardState(solution, instance);
  const image = solutionImage(solution);
  const flags = instance?.solutionVersionFlags;
  const note =
    state === 'update-required'
      ? m.updateRequiredNote
      : flags?.requiresSystemInputToUpdateVersion
        ? m.systemUpdateNote
        : flags?.hasNewerVersion
          ? m.newerVersionNote
          : '';
  return html`<article
    class="card"
    part="card card-${state}"
    aria-labelledby="${ctx.id}-title"
    aria-busy=${isBusy(activity) ? 'true' : 'false'}
    data-key=${cardKey(solution, instance)}
    @keydown=${(event: KeyboardEvent) => {
      // Escape backs out of the delete confirmation, as it would from a dialog.
      if (event.key === 'Escape' && activity.kind === 'confirming-delete' && instance) ctx.actions.askDelete(instance, false);
    }}
  >
    ${image ? html`<img part="image" src=${image} alt=${m.imageAlt(solution.title)} />` : nothing}
    <h3 id="${ctx.id}-title" class="clamp" part="title" dir="auto">${solution.title}</h3>
    <span class="badge s-${state}" part="badge badge-${state}">${m[STATE_LABEL[state]] as string}</span>
    ${solution.description ? html`<p class="clamp" part="description" dir="auto">${solution.description}</p>` : nothing}
    ${solution.tags?.length
      ? html`<ul class="tags clamp" part="tags">
          ${solution.tags.map((tag) => html`<li part="tag" dir="auto">${tag}</li>`)}
        </ul>`
      : nothing}
    <button type="button" class="more" part="button button-more" data-action="more" hidden></button>
    ${instance && solution.authSlots.length ? services(solution, instance, ctx) : nothing}
    ${note ? html`<p class="muted" part="note">${note}</p>` : nothing}
    ${activity.kind === 'popup-blocked' ? html`<p part="notice">${m.popupBlocked}</p>` : nothing}
    ${'error' in activity ? html`<p class="error" part="error">${errorText(m, activity.error)}</p>` : nothing}
    ${isBusy(activity) ? html`<p class="muted" part="progress">${(activity.kind === 'working' && activity.say?.(m)) || m.working}</p>` : nothing}
    <div class="actions" part="actions">${actions(solution, instance, state, ctx)}</div>
  </article>`;
}

/**
 * A card in the grid's list item, drawn again only when something it shows
 * changed: a later page appending below leaves the cards on screen alone.
 * So each of these must be a new object whenever what it says changes (the
 * controller replaces data and activities, never edits them in place);
 * `actions` is the controller, the same for the widget's life.
 */
export function cardListItem(solution: Solution, instance: SolutionInstance | undefined, ctx: CardContext): TemplateResult {
  const shown = [solution, instance, ctx.m, ctx.activity, ctx.usesWizard, ctx.upgradeAuths, ctx.id, ctx.auths];
  return html`<li>${guard(shown, () => renderCard(solution, instance, ctx))}</li>`;
}
