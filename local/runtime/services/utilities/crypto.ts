/** Digests, MACs and RSA signatures over bytes, keyed by the Apps Script enum member names. */
import { createHash, createHmac, createSign } from 'node:crypto';
import { GasException } from '../../errors';

export const DIGEST_ALGORITHMS = ['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const;
export const MAC_ALGORITHMS = ['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const;
export const RSA_ALGORITHMS = ['RSA_SHA_1', 'RSA_SHA_256'] as const;

export type DigestName = (typeof DIGEST_ALGORITHMS)[number];
export type MacName = (typeof MAC_ALGORITHMS)[number];
export type RsaName = (typeof RSA_ALGORITHMS)[number];

const NODE_HASH: Record<DigestName, string | null> = {
  // OpenSSL 3 (Node 20) has no MD2; nobody should need it, so it is refused rather than faked.
  MD2: null,
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

const NODE_HMAC: Record<MacName, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

const NODE_RSA: Record<RsaName, string> = { RSA_SHA_1: 'sha1', RSA_SHA_256: 'sha256' };

export function digest(algorithm: DigestName, data: Uint8Array): Uint8Array {
  const h = NODE_HASH[algorithm];
  if (h === null) throw new GasException(`${algorithm} is not supported by this emulation of Utilities.computeDigest.`);
  return new Uint8Array(createHash(h).update(data).digest());
}

export function hmac(algorithm: MacName, value: Uint8Array, key: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac(NODE_HMAC[algorithm], key).update(value).digest());
}

/**
 * RSA PKCS#1 v1.5 signature with a PEM private key (the service-account JSON `private_key`).
 * A key Node cannot read gets Apps Script's usual wording for a bad argument.
 */
export function rsaSign(algorithm: RsaName, value: Uint8Array, pemKey: string): Uint8Array {
  try {
    return new Uint8Array(createSign(NODE_RSA[algorithm]).update(value).sign(pemKey));
  } catch {
    throw new GasException('Invalid argument: key');
  }
}
