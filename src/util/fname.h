/* fname.h — the one rule that turns an id (a seller's, a customer's) into
 * a piece of a file name, for the files fokus writes (export, route --all)
 * and the names the web serves them under (Content-Disposition, the
 * dashboard's download links in web/js/pages/plan.js, which repeats this
 * rule in JavaScript and is tested against it):
 *
 *   every byte but A-Z a-z 0-9 . _ - becomes '_'; a leading '.' becomes '_'
 *   (no hidden files, no "..");  an empty or NULL id is "_".
 *
 * So "Anna Berg/Syd" is "Anna_Berg_Syd" and ".x" is "_x". */
#ifndef FOKUS_FNAME_H
#define FOKUS_FNAME_H

/* A fresh file-name-safe copy of id (the caller frees it). */
char *fname_safe(const char *id);

#endif
