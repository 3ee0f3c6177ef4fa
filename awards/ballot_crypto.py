"""The secret ballot's cryptography: a Paillier key pair per ballot, votes as ciphertexts, sums decrypted.

Nothing here is invented: the homomorphic encryption is python-paillier (``phe``), the passphrase
is stretched with scrypt (RFC 7914, ``hashlib``) and the private key is sealed with AES-256-GCM
(``cryptography``). See docs/council-voting.md, "Secrecy by construction".

- **One value per nominee.** A member's choice on one nominee is encoded as a number and
  encrypted under the ballot's public key: agree = 1, disagree = BASE, abstain = BASE², and a
  recused member's place = 0. The product of all ciphertexts of one nominee decrypts to
  ``agree + disagree × BASE + abstain × BASE²``, from which the three counts are read back
  (``decode``), as long as fewer than BASE members vote (checked when the ballot opens).
- **The private key is sealed.** It is fully given by one prime factor ``p`` of the public
  modulus ``n``; the stored seal is ``p`` encrypted with AES-256-GCM under the key
  ``scrypt(passphrase, salt)``, with ``n`` as associated data. A wrong passphrase fails the
  GCM tag (and a seal moved to another ballot fails it too). The passphrase is never stored.
- **Tracking code.** A short hash of one member's ciphertexts, shown to that member, which they
  can find on the counted ballot's page.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from phe import paillier

BASE = 1000  # a ballot takes fewer than BASE voters (council sizes are in the tens)
AGREE, DISAGREE, ABSTAIN, RECUSED = 1, BASE, BASE * BASE, 0
# Crockford's base-32 alphabet: no I, L, O, U, so a passphrase read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PASSPHRASE_GROUPS, GROUP_LENGTH = 5, 4  # 20 symbols × 5 bits = 100 bits
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
DEFAULT_KEY_BITS = 2048


def key_bits() -> int:
    return int(getattr(settings, "AWARDS_BALLOT_KEY_BITS", DEFAULT_KEY_BITS))


# --- the passphrase --------------------------------------------------------------------------------


def new_passphrase() -> str:
    """Twenty random symbols in groups of four: "K7QM-3XHA-PZ9D-W2RT-8NBE" (100 bits)."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(PASSPHRASE_GROUPS * GROUP_LENGTH))
    return "-".join(symbols[i : i + GROUP_LENGTH] for i in range(0, len(symbols), GROUP_LENGTH))


def normalise_passphrase(text: str) -> str:
    """Upper case, no spaces or dashes; O read as 0, I and L as 1 (as Crockford's base 32 does)."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch not in " -\t\n")
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def _aead(passphrase: str, salt: bytes) -> AESGCM:
    secret = hashlib.scrypt(normalise_passphrase(passphrase).encode(), salt=salt, dklen=32, **SCRYPT)
    return AESGCM(secret)


# --- keys ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealedKey:
    """What the database keeps of a ballot's key pair: the public modulus, the salt, the seal."""

    public_n: str
    salt: str
    seal: str


def new_sealed_key(passphrase: str, bits: int | None = None) -> SealedKey:
    public, private = paillier.generate_paillier_keypair(n_length=bits or key_bits())
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    length = (private.p.bit_length() + 7) // 8
    sealed = _aead(passphrase, salt).encrypt(nonce, private.p.to_bytes(length, "big"), str(public.n).encode())
    return SealedKey(str(public.n), salt.hex(), (nonce + sealed).hex())


def unseal(sealed: SealedKey, passphrase: str) -> paillier.PaillierPrivateKey | None:
    """The private key, or None when the passphrase is wrong (the GCM tag does not verify)."""
    n = int(sealed.public_n)
    try:
        seal, salt = bytes.fromhex(sealed.seal), bytes.fromhex(sealed.salt)
        factor = _aead(passphrase, salt).decrypt(seal[:12], seal[12:], str(n).encode())
    except (ValueError, InvalidTag):  # an emptied or damaged seal, or the wrong passphrase
        return None
    p = int.from_bytes(factor, "big")
    if p <= 1 or p >= n or n % p:
        return None
    return paillier.PaillierPrivateKey(paillier.PaillierPublicKey(n), p, n // p)


# --- votes -----------------------------------------------------------------------------------------


def encrypt(public_n: str, values: dict[int, int]) -> dict[str, str]:
    """Item id → the ciphertext of its encoded choice (a fresh random r for each)."""
    public = paillier.PaillierPublicKey(int(public_n))
    return {str(item): str(public.raw_encrypt(value)) for item, value in values.items()}


def tracking_code(ciphertexts: dict[str, str]) -> str:
    """SHA-256 of the ciphertexts, in base 32, ten symbols: "7KQ2M-XH3PA"."""
    digest = hashlib.sha256(json.dumps(ciphertexts, sort_keys=True).encode()).digest()
    number = int.from_bytes(digest[:7], "big")
    symbols = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(10))
    return f"{symbols[:5]}-{symbols[5:]}"


def normalise_code(text: str) -> str:
    cleaned = normalise_passphrase(text)
    return f"{cleaned[:5]}-{cleaned[5:]}" if len(cleaned) == 10 else cleaned


def decrypt_sum(private: paillier.PaillierPrivateKey, ciphertexts: list[str]) -> int:
    """Multiply the ciphertexts (mod n²: adds the plaintexts) and decrypt only the product."""
    n_square = private.public_key.nsquare
    product = 1
    for ciphertext in ciphertexts:
        product = product * int(ciphertext) % n_square
    return private.raw_decrypt(product)


def decode(total: int) -> tuple[int, int, int]:
    """(agree, disagree, abstain) from a decrypted sum."""
    return total % BASE, total // BASE % BASE, total // (BASE * BASE)
