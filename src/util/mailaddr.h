/* mailaddr.h — e-mail addresses as fokus takes them: "anna@example.se" or
 * "Exempelgrossisten <nyhetsbrev@example.se>". Deliberately plain: one
 * '@', a local part and a domain of printable ASCII without spaces, quotes,
 * angle brackets, commas or semicolons (what customer files hold; quoted
 * local parts and IP literals are refused rather than half-supported). */
#ifndef FOKUS_MAILADDR_H
#define FOKUS_MAILADDR_H
#include <stddef.h>

/* 1 when s (the bare address, no name) is such an address of at most 254 bytes. */
int mailaddr_valid(const char *s);

/* Splits "Name <addr>" or "addr" (surrounding spaces ignored): *name gets the
 * display name or NULL, *addr the address; both fresh strings the caller
 * frees. Returns 0, or -1 (nothing allocated) when the address is not valid. */
int mailaddr_parse(const char *s, char **name, char **addr);

/* A lower-case copy of a bare address (the form fokus compares and stores).
 * Caller frees. */
char *mailaddr_lower(const char *s);

#endif
