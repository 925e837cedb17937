// The ASN.1 layer's public face (ITU-T X.690): a BER/DER reader the CMS, X.509 and DER-Encoded-Profile code parse with.
// Modules inside core/ import der.ts directly; this index is for everything outside the folder.
export { DerReader, Tag, TagClass, decodeOid, integerHex } from './der';
export type { Tlv } from './der';
