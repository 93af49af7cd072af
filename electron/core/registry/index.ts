/**
 * Registry client: transport, hosts, auth and credentials, manifests and
 * platform selection, blobs, listings, remote inspect and push building blocks.
 * Plain Node (undici); no store integration here.
 */
export { RegistryClient, repositoryScope, CATALOG_SCOPE } from './client';
export type { RegistryClientOptions, RegistryRequest } from './client';
export { Transport, header, headerAll, readBytes, readText, discard, DEFAULT_USER_AGENT } from './transport';
export type { HttpBody, HttpMethod, HttpRequest, HttpResponse, TransportOptions } from './transport';
export { DEFAULT_RETRY, retryMessage, parseRetryAfter } from './retry';
export type { RetryListener, RetryNotice, RetryPolicy } from './retry';
export { parseWarnings } from './warning';
export { parseErrorBody, registryError, formatErrorItems } from './registry-errors';
export type { ErrorContext, RegistryErrorItem } from './registry-errors';
export { registryBaseUrl, isInsecureRegistry, isLoopbackHost, isDockerHub, DOCKER_HUB_HOST, DOCKER_HUB_API } from './hosts';
export type { HostOptions } from './hosts';
export { parseWwwAuthenticate } from './www-authenticate';
export type { Challenge } from './www-authenticate';
export { fetchToken, TokenCache, parseTokenResponse } from './token';
export type { Token, TokenRequest } from './token';
export type { Credentials, CredentialProvider } from './credentials-types';
export { DockerCredentialStore } from './credential-store';
export type { CredentialStoreOptions, StoredWhere } from './credential-store';
export { HUB_AUTH_KEY, authKey, dockerConfigDir, readDockerConfig, writeDockerConfig, findAuthEntry, decodeAuthEntry } from './docker-config';
export { helperGet, helperStore, helperErase, helperList } from './cred-helper';
export { login, logout } from './login';
export type { LoginOptions, LoginResult, LogoutResult } from './login';
export { MediaType, MANIFEST_ACCEPT, isIndexType, isManifestType } from './media-types';
export { getManifest, resolveManifest, manifestExists, MAX_MANIFEST_BYTES } from './manifests';
export type { FetchedManifest, ManifestOptions, ManifestTarget } from './manifests';
export { manifestTarget } from './target';
export { resolveImage, selectPlatformEntry } from './resolve';
export type { ResolvedImage, ResolveImageOptions } from './resolve';
export { hostPlatform, parsePlatform, formatPlatform, normalizePlatform, matchPlatforms, platformVector } from '../platform';
export type { Platform } from '../platform';
export { blobChunks, blobReadable, downloadBlob, fetchBlobBytes, statBlob, verificationFailed } from './blobs';
export type { BlobDownloadOptions, BlobProgress, BlobRef, BlobSink } from './blobs';
export { digestOf, hasherFor } from './digest';
export { listTags, listCatalog } from './listing';
export type { ListOptions } from './listing';
export { inspectRemote } from './inspect';
export type { RemoteImageInfo, RemotePlatformEntry } from './inspect';
export { startUpload, mountBlob, uploadMonolithic, uploadChunk, uploadChunked, finishUpload, cancelUpload, putManifest } from './uploads';
export type { MountResult, UploadOptions, UploadSession } from './uploads';
export type { Descriptor, ManifestJson, ImageConfigJson, HistoryEntry } from './types';
