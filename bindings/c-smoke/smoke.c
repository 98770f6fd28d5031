/*
 * smoke.c: a C program against include/coinage.h and libCoinageC, proving the
 * header's declarations match the library: every function is called as the
 * header declares it and its answer checked. Run by smoke.sh.
 *
 * Usage: smoke RULES_DIR  (exit 0 when every check holds)
 */
#include "coinage.h"

#include <stdio.h>
#include <string.h>

static int failures = 0;

static void check(int holds, const char *what) {
    if (!holds) {
        fprintf(stderr, "smoke: FAILED: %s\n", what);
        failures += 1;
    }
}

static int starts_with(const char *text, const char *prefix) {
    return text != NULL && strncmp(text, prefix, strlen(prefix)) == 0;
}

int main(int argc, char **argv) {
    const char *request =
        "{\"bundle\":\"coins_700\",\"region\":\"DE\",\"channel\":\"web\",\"at\":\"2026-11-28T10:00:00Z\"}";
    const char *refused = "{\"bundle\":\"coins_700\",\"region\":\"XX\",\"channel\":\"web\"}";
    char *error = NULL;
    char *quote = NULL;
    size_t length = 0;
    size_t refused_lines = 0;
    char lines[512];
    coinage_rules *rules;
    char *hash;
    int status;

    if (argc != 2) {
        fprintf(stderr, "usage: smoke RULES_DIR\n");
        return 2;
    }
    check(strcmp(coinage_version(), "0.1.0") == 0, "coinage_version is 0.1.0");

    check(coinage_open("/nonexistent/coinage-smoke", &error) == NULL, "a missing directory does not open");
    check(error != NULL && strstr(error, "/nonexistent/coinage-smoke") != NULL, "its message names the path");
    coinage_free(error);

    rules = coinage_open(argv[1], &error);
    check(rules != NULL && error == NULL, "the rules open");
    if (rules == NULL) {
        fprintf(stderr, "%s\n", error != NULL ? error : "(no message)");
        coinage_free(error);
        return 1;
    }

    hash = coinage_rules_hash(rules);
    check(hash != NULL && strlen(hash) == 64, "the hash has 64 hex digits");

    status = coinage_quote(rules, request, strlen(request), &quote, &length);
    check(status == COINAGE_QUOTED, "the request is quoted");
    check(starts_with(quote, "{\"bundle\":\"coins_700\",\"region\":\"DE\""), "the quote is the batch's JSON");
    check(quote != NULL && length == strlen(quote) && quote[length - 1] == '}', "the length is the quote's, no newline");
    check(quote != NULL && hash != NULL && strstr(quote, hash) != NULL, "the quote names the rules' hash");
    if (quote != NULL) printf("%s\n", quote);
    coinage_free(quote);

    status = coinage_quote(rules, refused, strlen(refused), &quote, NULL);
    check(status == COINAGE_REFUSED, "an unknown region is refused");
    check(starts_with(quote, "{\"error\":{\"code\":\"unknown_region\""), "with the error object");
    coinage_free(quote);

    status = coinage_quote(rules, "{\"bundle\":", 10, &quote, &length);
    check(status == COINAGE_REFUSED && starts_with(quote, "{\"error\":{\"code\":\"invalid_request\""),
          "malformed JSON is an invalid request");
    coinage_free(quote);

    snprintf(lines, sizeof lines, "%s\n\n%s\r\nnot json\n", request, refused);
    status = coinage_quote_lines(rules, lines, strlen(lines), &quote, &length, &refused_lines);
    check(status == COINAGE_REFUSED && refused_lines == 2, "three lines, two refused");
    check(quote != NULL && strstr(quote, "line 4: ") != NULL, "blank lines count for line numbers");
    coinage_free(quote);

    quote = (char *)&failures;
    check(coinage_quote(NULL, request, strlen(request), &quote, &length) == COINAGE_INVALID_ARGUMENT,
          "a NULL handle is an invalid argument");
    check(quote == NULL, "and gives no buffer");
    check(coinage_quote(rules, NULL, 0, &quote, &length) == COINAGE_INVALID_ARGUMENT, "a NULL request too");
    check(coinage_quote_lines(rules, lines, strlen(lines), NULL, NULL, NULL) == COINAGE_INVALID_ARGUMENT,
          "a NULL output too");
    check(coinage_rules_hash(NULL) == NULL, "a NULL handle has no hash");

    coinage_free(hash);
    coinage_free(NULL);
    coinage_close(rules);
    coinage_close(NULL);
    if (failures == 0) printf("smoke: every check holds\n");
    return failures == 0 ? 0 : 1;
}
