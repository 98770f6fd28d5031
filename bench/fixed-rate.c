/*
 * fixed-rate: a small open-loop HTTP/1.1 load generator for bench/serve-load.sh.
 *
 * Plain wrk is closed-loop (a connection sends its next request when the last one
 * is answered), so a slow answer delays the requests behind it and their latency
 * is never seen ("coordinated omission"). wrk2 fixes that but is not packaged in
 * Debian, hence this file: each of N keep-alive connections owns every N-th slot
 * of a schedule at RATE requests/s; a request is sent at its slot (or as soon as
 * its connection's previous answer is in, when that is later), and its latency is
 * counted from the slot, not from the send. One thread, epoll, a timerfd for the
 * next slot. Bodies are POSTed in turn from a file of one body per line.
 *
 *   cc -O2 -o fixed-rate bench/fixed-rate.c
 *   fixed-rate HOST PORT PATH BODIES RATE SECONDS CONNECTIONS [WARMUP_SECONDS]
 *
 * Prints sent/answered counts, the rate achieved, non-200 answers, latency
 * percentiles (p50 p90 p99 p99.9 max, ms) over the slots after the warm-up, and
 * its own CPU time.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    int64_t next_slot;   /* ns since start: when this connection's next request is due */
    int64_t sent_slot;   /* the slot of the request in flight, -1 when idle */
    char in[65536];
    size_t have;
} conn_t;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int dial(const char *host, const char *port) {
    struct addrinfo hints = {0}, *res;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0) return -1;
    int fd = socket(res->ai_family, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) != 0) { freeaddrinfo(res); return -1; }
    freeaddrinfo(res);
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    return fd;
}

/* The length of the first whole response in buf, 0 when it has not all arrived,
 * -1 when it cannot be read; *status gets its status code. */
static long response_length(const char *buf, size_t have, int *status) {
    const char *end = memmem(buf, have, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t head = (size_t)(end - buf) + 4;
    *status = atoi(buf + 9);
    const char *p = buf;
    long length = -1;
    while (p < end) {
        const char *line_end = memmem(p, (size_t)(end - p) + 2, "\r\n", 2);
        if (!line_end) break;
        if ((size_t)(line_end - p) > 15 && strncasecmp(p, "content-length:", 15) == 0) length = atol(p + 15);
        p = line_end + 2;
    }
    if (length < 0) return -1;
    return have >= head + (size_t)length ? (long)(head + (size_t)length) : 0;
}

int main(int argc, char **argv) {
    if (argc < 8) {
        fprintf(stderr, "usage: %s HOST PORT PATH BODIES RATE SECONDS CONNECTIONS [WARMUP_SECONDS]\n", argv[0]);
        return 2;
    }
    const char *host = argv[1], *port = argv[2], *path = argv[3];
    double rate = atof(argv[5]), seconds = atof(argv[6]);
    int nconn = atoi(argv[7]);
    double warmup = argc > 8 ? atof(argv[8]) : 1.0;

    /* Every body as a whole request, ready to send. */
    FILE *f = fopen(argv[4], "r");
    if (!f) { perror(argv[4]); return 2; }
    size_t nreq = 0, cap = 1024;
    char **reqs = malloc(cap * sizeof *reqs);
    size_t *lens = malloc(cap * sizeof *lens);
    char *line = NULL; size_t linecap = 0; ssize_t n;
    while ((n = getline(&line, &linecap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        if (n == 0) continue;
        if (nreq == cap) { cap *= 2; reqs = realloc(reqs, cap * sizeof *reqs); lens = realloc(lens, cap * sizeof *lens); }
        char *r = malloc((size_t)n + 256);
        int h = snprintf(r, 256, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %zd\r\n\r\n",
                         path, host, n);
        memcpy(r + h, line, (size_t)n);
        reqs[nreq] = r; lens[nreq] = (size_t)h + (size_t)n; nreq++;
    }
    fclose(f);
    if (nreq == 0) { fprintf(stderr, "no bodies in %s\n", argv[4]); return 2; }

    int64_t interval = (int64_t)(1e9 / rate);
    int64_t total_slots = (int64_t)(rate * seconds);
    int64_t warm_ns = (int64_t)(warmup * 1e9);
    int64_t *lat = malloc((size_t)total_slots * sizeof *lat);
    size_t nlat = 0;
    long sent = 0, answered = 0, bad = 0, errors = 0;

    int ep = epoll_create1(0);
    conn_t *conns = calloc((size_t)nconn, sizeof *conns);
    for (int i = 0; i < nconn; i++) {
        conns[i].fd = dial(host, port);
        if (conns[i].fd < 0) { fprintf(stderr, "cannot connect to %s:%s\n", host, port); return 2; }
        conns[i].next_slot = (int64_t)i * interval;
        conns[i].sent_slot = -1;
        struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (uint32_t)i };
        epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
    }
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct epoll_event tev = { .events = EPOLLIN, .data.u32 = UINT32_MAX };
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);

    int64_t start = now_ns();
    int64_t end_slots = total_slots * interval; /* no slot at or after this */
    size_t next_body = 0;
    struct epoll_event events[256];
    for (;;) {
        int64_t t = now_ns() - start;
        /* Send every request whose slot has come, on a connection that is free. */
        int64_t soonest = INT64_MAX;
        int busy = 0;
        for (int i = 0; i < nconn; i++) {
            conn_t *c = &conns[i];
            if (c->sent_slot >= 0) { busy++; continue; }
            if (c->next_slot >= end_slots) continue;
            if (c->next_slot <= t) {
                const char *r = reqs[next_body]; size_t len = lens[next_body];
                next_body = (next_body + 1) % nreq;
                size_t off = 0;
                while (off < len) {
                    ssize_t w = send(c->fd, r + off, len - off, MSG_NOSIGNAL);
                    if (w <= 0) { if (w < 0 && errno == EINTR) continue; fprintf(stderr, "send failed\n"); return 1; }
                    off += (size_t)w;
                }
                c->sent_slot = c->next_slot;
                c->next_slot += (int64_t)nconn * interval;
                sent++; busy++;
            } else if (c->next_slot < soonest) {
                soonest = c->next_slot;
            }
        }
        if (busy == 0 && soonest == INT64_MAX) break;
        if (soonest != INT64_MAX) {
            struct itimerspec its = {0};
            int64_t at = start + soonest;
            its.it_value.tv_sec = at / 1000000000LL; its.it_value.tv_nsec = at % 1000000000LL;
            timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
        }
        int ready = epoll_wait(ep, events, 256, 1000);
        for (int k = 0; k < ready; k++) {
            uint32_t id = events[k].data.u32;
            if (id == UINT32_MAX) { uint64_t x; ssize_t r = read(tfd, &x, sizeof x); (void)r; continue; }
            conn_t *c = &conns[id];
            ssize_t r = recv(c->fd, c->in + c->have, sizeof c->in - c->have, 0);
            if (r <= 0) { fprintf(stderr, "connection %u closed by the server\n", id); errors++; return 1; }
            c->have += (size_t)r;
            int status = 0;
            long len;
            while (c->sent_slot >= 0 && (len = response_length(c->in, c->have, &status)) != 0) {
                if (len < 0) { fprintf(stderr, "unreadable response\n"); return 1; }
                int64_t done = now_ns() - start;
                if (c->sent_slot >= warm_ns) lat[nlat++] = done - c->sent_slot;
                if (status != 200) bad++;
                answered++;
                memmove(c->in, c->in + len, c->have - (size_t)len);
                c->have -= (size_t)len;
                c->sent_slot = -1;
            }
        }
    }
    double elapsed = (double)(now_ns() - start) / 1e9;
    qsort(lat, nlat, sizeof *lat, cmp64);
#define PCT(p) (nlat ? (double)lat[(size_t)((p) * (double)(nlat - 1))] / 1e6 : 0.0)
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    printf("target %.0f req/s over %d connections for %.1f s: sent %ld, answered %ld (%.0f req/s), non-200 %ld, errors %ld\n",
           rate, nconn, seconds, sent, answered, (double)answered / elapsed, bad, errors);
    printf("latency from the scheduled send (after %.1f s warm-up, %zu requests): p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms\n",
           warmup, nlat, PCT(0.50), PCT(0.90), PCT(0.99), PCT(0.999), nlat ? (double)lat[nlat - 1] / 1e6 : 0.0);
    printf("client CPU %.2f s in %.2f s (%.0f%% of one core)\n", cpu, elapsed, 100.0 * cpu / elapsed);
    return 0;
}
