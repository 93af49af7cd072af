/** The store speaks the same platform rules as pulls do: one implementation, in core/platform. */
export { byHostPreference, formatPlatform, hostPlatform } from '../platform';
