export { Landing } from './landing.tsx';
export { signOut } from './sign-out.ts';
export { renewToken, storeToken } from './token-bridge.ts';
export { type AuthState, useAuth } from './use-auth.ts';
export { createUserManager, type OidcConfig } from './user-manager.ts';
