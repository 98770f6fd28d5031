/*
 * coinage.h: the C interface of Coinage, the pricing and promotions rules engine.
 *
 * Link with libCoinageC (`swift build -c release --product CoinageC` builds
 * .build/release/libCoinageC.so). Docs/CLibrary.md describes every function.
 *
 * Ownership: every `char *` the library returns through a `char **` or as a
 * result (quotes, error messages, the hash) is allocated by the library and
 * belongs to the caller, who frees it with `coinage_free` (and nothing else).
 * The library never keeps or frees a buffer the caller passes in; it only reads
 * it during the call. `coinage_version` returns a static string: never free it.
 *
 * Threads: a handle is immutable once open. Any number of threads may call
 * `coinage_quote`, `coinage_quote_lines` and `coinage_rules_hash` on one handle
 * at once. `coinage_close` must not run while another call uses the handle.
 *
 * Errors: no input aborts the process. A NULL pointer where one is required, or
 * a length past SSIZE_MAX, gives COINAGE_INVALID_ARGUMENT and writes nothing.
 * Text that is not JSON, not UTF-8 or not a request is refused with an error
 * object in the output, as `coinage quote --batch` refuses it. Using a handle
 * after `coinage_close` is the caller's error, with undefined behaviour.
 */
#ifndef COINAGE_H
#define COINAGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Checked, compiled rules, ready to quote: opened by `coinage_open`. */
typedef struct coinage_rules coinage_rules;

/* Every request was quoted. */
#define COINAGE_QUOTED 0
/* At least one request was refused: its output line is an error object. */
#define COINAGE_REFUSED 1
/* A required pointer was NULL or a length past SSIZE_MAX: nothing was written. */
#define COINAGE_INVALID_ARGUMENT (-1)
/* The output could not be allocated: nothing was written. */
#define COINAGE_OUT_OF_MEMORY (-2)

/* The library's version ("0.1.0"), the version of `coinage --version`.
 * A static string: do not free it. */
const char *coinage_version(void);

/* Reads, checks and compiles the rules at `path`: a NUL-terminated UTF-8 path to
 * a directory (every `*.coin` file under it) or to one `.coin` file.
 * Returns a handle to close with `coinage_close`, or NULL when the rules cannot
 * be read or have errors. Then, when `error_message` is not NULL,
 * `*error_message` is the reason (for rules with errors, every error as
 * `coinage check` prints it), to free with `coinage_free`; else it is NULL. */
coinage_rules *coinage_open(const char *path, char **error_message);

/* Quotes one JSON request: the `request_length` bytes at `request` (no NUL
 * needed) are read as one request line of `coinage quote --batch`, line 1.
 * `*quote` gets the JSON line the batch writes for it, without the newline: a
 * quote, or `{"error":{"code":...,"message":...}}` for a refused or malformed
 * request. It is NUL-terminated, to free with `coinage_free`;
 * `*quote_length` (when `quote_length` is not NULL) is its length without
 * the NUL. A request with no "at" is priced at the time of the call.
 * Returns COINAGE_QUOTED, COINAGE_REFUSED, COINAGE_INVALID_ARGUMENT (a NULL
 * `rules`, `request` or `quote`) or COINAGE_OUT_OF_MEMORY; on the last two,
 * `*quote` is NULL. */
int coinage_quote(coinage_rules *rules, const char *request, size_t request_length,
                  char **quote, size_t *quote_length);

/* Quotes a buffer of JSON request lines, as `coinage quote --batch` quotes the
 * same bytes on its standard input: `*quotes` gets one line (ending in "\n") per
 * request, in order, an error object for each refused or malformed line; blank
 * lines are skipped but counted in line numbers. NUL-terminated, to free with
 * `coinage_free`; `*quotes_length` (when not NULL) is its length without the
 * NUL, and `*refused` (when not NULL) the number of refused lines. Requests
 * with no "at" are priced at the time the call began.
 * Returns as `coinage_quote` does (COINAGE_REFUSED when any line was refused). */
int coinage_quote_lines(coinage_rules *rules, const char *lines, size_t lines_length,
                        char **quotes, size_t *quotes_length, size_t *refused);

/* The rules' SHA-256 content hash, 64 lowercase hex digits: the `rules` of every
 * quote. To free with `coinage_free`; NULL for a NULL handle. */
char *coinage_rules_hash(const coinage_rules *rules);

/* Frees a buffer the library returned. NULL does nothing. */
void coinage_free(void *buffer);

/* Closes a handle and frees its rules. NULL does nothing. The handle must not
 * be used again, and no other call may be using it. */
void coinage_close(coinage_rules *rules);

#ifdef __cplusplus
}
#endif

#endif /* COINAGE_H */
