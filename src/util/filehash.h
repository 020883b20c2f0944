/* filehash.h — the SHA-256 of a file's content (OpenSSL libcrypto), to recognise a
 * file that was imported before. */
#ifndef FOKUS_FILEHASH_H
#define FOKUS_FILEHASH_H

/* Writes 64 lowercase hex digits and a NUL into hex. Returns 0, or -1 when
 * the file cannot be read (errno set). */
int filehash_sha256(const char *path, char hex[65]);

#endif
