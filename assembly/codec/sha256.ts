// SHA-256 (FIPS 180-4) over bytes, for plugins that hash a request value into a stable bucket
// (Higress traffic-tag's `percentage` operator: the first 8 bytes of sha256(value) mod 100).

// the first 32 bits of the fractional parts of the cube roots of the first 64 primes
const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/** The SHA-256 digest (32 bytes) of `data`. */
export function sha256(data: ArrayBuffer): ArrayBuffer {
  const len = data.byteLength;
  // message + 0x80 + zeros + 64-bit big-endian bit length, to a multiple of 64 bytes
  const padded = ((len + 9 + 63) >> 6) << 6;
  const msg = new Uint8Array(padded);
  memory.copy(msg.dataStart, changetype<usize>(data), len);
  msg[len] = 0x80;
  const bits = (<u64>len) << 3;
  for (let i = 0; i < 8; i++) msg[padded - 1 - i] = <u8>(bits >> ((<u64>i) << 3));

  let h0: u32 = 0x6a09e667;
  let h1: u32 = 0xbb67ae85;
  let h2: u32 = 0x3c6ef372;
  let h3: u32 = 0xa54ff53a;
  let h4: u32 = 0x510e527f;
  let h5: u32 = 0x9b05688c;
  let h6: u32 = 0x1f83d9ab;
  let h7: u32 = 0x5be0cd19;
  const w = new StaticArray<u32>(64);
  for (let block = 0; block < padded; block += 64) {
    for (let t = 0; t < 16; t++) {
      w[t] = bswap<u32>(load<u32>(msg.dataStart + block + (t << 2)));
    }
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15];
      const b = w[t - 2];
      const s0 = rotr<u32>(a, 7) ^ rotr<u32>(a, 18) ^ (a >>> 3);
      const s1 = rotr<u32>(b, 17) ^ rotr<u32>(b, 19) ^ (b >>> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let t = 0; t < 64; t++) {
      const s1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = h + s1 + ch + K[t] + w[t];
      const s0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = s0 + maj;
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h0 += a;
    h1 += b;
    h2 += c;
    h3 += d;
    h4 += e;
    h5 += f;
    h6 += g;
    h7 += h;
  }
  const out = new ArrayBuffer(32);
  const p = changetype<usize>(out);
  store<u32>(p, bswap<u32>(h0));
  store<u32>(p + 4, bswap<u32>(h1));
  store<u32>(p + 8, bswap<u32>(h2));
  store<u32>(p + 12, bswap<u32>(h3));
  store<u32>(p + 16, bswap<u32>(h4));
  store<u32>(p + 20, bswap<u32>(h5));
  store<u32>(p + 24, bswap<u32>(h6));
  store<u32>(p + 28, bswap<u32>(h7));
  return out;
}
