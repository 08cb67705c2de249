export { loadConfig, type ShelfstreamConfig, type Flags } from './load-config.ts';
export { settings, type SettingKey } from './settings.ts';
export { flagOf, setting, type Environment, type Setting } from './setting.ts';
export { Secret } from './secret.ts';
export { basicAuthCredentials, type BasicAuthCredentials } from './basic-auth-credentials.ts';
