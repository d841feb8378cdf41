export { Landing, LandingView } from './landing.tsx';
export { removeLocalData, signOut } from './sign-out.ts';
export { watchSignOutElsewhere } from './sign-out-channel.ts';
export { renewToken, storeToken } from './token-bridge.ts';
export { type AuthState, useAuth } from './use-auth.ts';
export { createUserManager, type OidcConfig } from './user-manager.ts';
