/* filehash.c — streaming SHA-256 of a file in 1 MiB blocks. */
#include "util/filehash.h"
#include "util/xmalloc.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

int filehash_sha256(const char *path, char hex[65])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	size_t cap = 1 << 20, n;
	unsigned char *buf = xmalloc(cap);
	while ((n = fread(buf, 1, cap, f)) > 0)
		crypto_hash_sha256_update(&st, buf, n);
	int bad = ferror(f);
	fclose(f);
	free(buf);
	if (bad)
		return -1;
	unsigned char out[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, out);
	sodium_bin2hex(hex, 65, out, sizeof(out));
	return 0;
}
