import { originPattern } from '../settings/settings';

// Host access is asked for one origin, when the user saves it (optional_host_permissions).
// `granted` is known BEFORE the click so that `request` runs inside the user gesture: Chrome
// refuses a request made after an await has let the gesture lapse.

export interface PermissionsApi {
  contains(p: { origins: string[] }): Promise<boolean>;
  request(p: { origins: string[] }): Promise<boolean>;
}

export function isGranted(api: PermissionsApi, origin: string): Promise<boolean> {
  return api.contains({ origins: [originPattern(origin)] });
}

/** Call from the click handler itself; resolves false when the user says no. */
export function requestOrigin(
  api: PermissionsApi,
  origin: string,
  alreadyGranted: boolean,
): Promise<boolean> {
  return alreadyGranted ? Promise.resolve(true) : api.request({ origins: [originPattern(origin)] });
}
