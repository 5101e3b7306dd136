/**
 * The setup every `<tray-integrations>` component suite shares: the
 * emulator's core (msw) with the element fixture, user ext-1. The auth dialog
 * is the dialog stub on the second origin (127.0.0.1 vs localhost): its
 * script is picked by `embedded-id`, and it answers `auth-<code>`, so the
 * code fetchAuthCode returns names the fixture auth the "dialog" created.
 */
import { useMockTray, type MockTraySuite } from '../../support/mock-tray-suite.ts';
import { fixture, USER } from '../fixture.ts';

export const useElementSuite = (): MockTraySuite => useMockTray({ fixture: fixture(), user: USER.externalUserId });
