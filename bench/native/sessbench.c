/*
 * sessbench: the OpenSSL side of PSSslSession's benchmarks (bench/run drives it).
 *
 * Every operation goes through libssl's public API on the same DER files and the same
 * session ids as the managed harness (bench/PSSslSession.Benchmarks), so the two can be
 * put side by side. Output: one "<row> <value> [<cpu value>]" line per measurement (ops/s, or
 * bytes/session for memory, or ns per removed session for flush scaling). The optional third
 * field is the same rate per second of process CPU time (times the thread count): unlike the
 * wall-clock rate it hardly moves when other processes take the cores away.
 *
 *   sessbench gen <out.der> <t0>                  server-side TLS 1.2 template (no peer cert)
 *   sessbench cache <template.der> <n> <reps> <t0> [lookup|add|flush]
 *                                                  lookups, add with eviction, flushes (default: all)
 *   sessbench codec <data-dir> <seconds> <reps>    d2i / i2d / PEM read
 *   sessbench memory <row> <template.der> <n> <t0>  RSS per cached session, printed as <row>
 */
#define OPENSSL_SUPPRESS_DEPRECATED /* TLSv1_2_server_method: see make_ctx */
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ID_LEN 32
#define SESSION_TIMEOUT 7200L
#define MAX_REPS 64

static void die(const char *what)
{
    fprintf(stderr, "sessbench: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the whole process (every thread). */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Wall-clock and CPU-time rates of the timed repetitions of one row. */
struct rates {
    double wall[MAX_REPS], cpu[MAX_REPS];
};

/* Records repetition r: `ops` operations by `threads` threads in wall time dt and CPU time cpu. */
static void record(struct rates *rt, int r, double ops, int threads, double dt, double cpu)
{
    rt->wall[r] = ops / dt;
    rt->cpu[r] = ops * threads / cpu;
}

static void print_row(const char *row, struct rates *rt, int reps)
{
    double wall = median(rt->wall, reps);
    printf("%s %.0f %.0f\n", row, wall, median(rt->cpu, reps));
}

static unsigned char *read_file(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        die(path);
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)*len + 1);
    if (buf == NULL || fread(buf, 1, (size_t)*len, f) != (size_t)*len)
        die(path);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

/* SplitMix64 finaliser; the managed harness derives ids with the same function (BenchIds.cs). */
static uint64_t mix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Session id number `counter`: 32 random-looking bytes, little-endian words of mix64(4c+j). */
static void id_for(uint64_t counter, unsigned char *out)
{
    for (int j = 0; j < 4; j++) {
        uint64_t w = mix64(counter * 4 + (uint64_t)j);
        for (int b = 0; b < 8; b++)
            out[j * 8 + b] = (unsigned char)(w >> (8 * b));
    }
}

/* Query number k of stream `seed`: an index below `range`, same sequence as BenchIds.QueryIndex. */
static uint64_t query_index(uint64_t seed, uint64_t k, uint64_t range)
{
    return mix64(seed * 0x100000000ULL + k) % range;
}

/* Session number i: the template with id id_for(i), start t0 + i, timeout 7200 s, so that
 * expiry order = creation order and "flush at t0 + 7200 + k" removes exactly sessions 0..k-1. */
static SSL_SESSION *make_session(const unsigned char *der, long len, uint64_t i, long t0)
{
    const unsigned char *p = der;
    unsigned char id[ID_LEN];
    SSL_SESSION *s = d2i_SSL_SESSION(NULL, &p, len);
    if (s == NULL)
        die("d2i_SSL_SESSION failed on the template");
    id_for(i, id);
    if (!SSL_SESSION_set1_id(s, id, ID_LEN) || !SSL_SESSION_set_timeout(s, SESSION_TIMEOUT)
        || !SSL_SESSION_set_time(s, t0 + (long)i))
        die("SSL_SESSION setters failed");
    return s;
}

/* The keys of the cache include the SSL's version: SSL_has_matching_session_id looks up under
 * ssl->version, which is 0x0303 only for an SSL made from a TLS 1.2 method (TLS_server_method
 * gives 0x0304). The templates are TLS 1.2 sessions, so the context uses the TLS 1.2 method. */
static SSL_CTX *make_ctx(long cache_size)
{
    SSL_CTX *ctx = SSL_CTX_new(TLSv1_2_server_method());
    if (ctx == NULL)
        die("SSL_CTX_new failed");
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_cache_size(ctx, cache_size);
    return ctx;
}

/* A cache holding sessions 0..n-1; the cache holds the only reference, as after handshakes. */
static SSL_CTX *build_cache(const unsigned char *der, long len, uint64_t n, long t0)
{
    SSL_CTX *ctx = make_ctx(0);
    for (uint64_t i = 0; i < n; i++) {
        SSL_SESSION *s = make_session(der, len, i, t0);
        if (SSL_CTX_add_session(ctx, s) != 1)
            die("SSL_CTX_add_session failed while filling");
        SSL_SESSION_free(s);
    }
    return ctx;
}

struct lookup_job {
    SSL_CTX *ctx;
    const unsigned char *ids; /* q ids of ID_LEN bytes */
    uint64_t q;
    uint64_t found;
    pthread_barrier_t *start;
};

static void *lookup_worker(void *arg)
{
    struct lookup_job *job = arg;
    SSL *ssl = SSL_new(job->ctx); /* one SSL per thread, as a server has per connection */
    uint64_t found = 0;
    if (ssl == NULL)
        die("SSL_new failed");
    pthread_barrier_wait(job->start);
    for (uint64_t k = 0; k < job->q; k++)
        found += (uint64_t)SSL_has_matching_session_id(ssl, job->ids + k * ID_LEN, ID_LEN);
    job->found = found;
    SSL_free(ssl);
    return NULL;
}

/* Ids queried by thread `t`: hits are ids of cached sessions (0..n-1), misses ids n..2n-1. */
static unsigned char *query_ids(uint64_t n, uint64_t q, int hit, int t)
{
    unsigned char *ids = malloc(q * ID_LEN);
    if (ids == NULL)
        die("out of memory");
    for (uint64_t k = 0; k < q; k++)
        id_for((hit ? 0 : n) + query_index((uint64_t)(t + 1), k, n), ids + k * ID_LEN);
    return ids;
}

static void bench_lookup(SSL_CTX *ctx, uint64_t n, int reps, int hit, int threads)
{
    uint64_t q = n; /* lookups per thread per repetition */
    unsigned char *ids[2];
    struct rates rt;
    char row[32];
    for (int t = 0; t < threads; t++)
        ids[t] = query_ids(n, q, hit, t);
    for (int r = -1; r < reps; r++) { /* r = -1: warm-up */
        pthread_t th[2];
        struct lookup_job job[2];
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, (unsigned)threads + 1);
        for (int t = 0; t < threads; t++) {
            job[t] = (struct lookup_job){ ctx, ids[t], q, 0, &start };
            pthread_create(&th[t], NULL, lookup_worker, &job[t]);
        }
        /* The clocks start before the release, or a descheduled main thread could miss the work. */
        double t0 = now_s(), c0 = cpu_s();
        pthread_barrier_wait(&start);
        for (int t = 0; t < threads; t++)
            pthread_join(th[t], NULL);
        double dt = now_s() - t0, cpu = cpu_s() - c0;
        pthread_barrier_destroy(&start);
        for (int t = 0; t < threads; t++)
            if (job[t].found != (hit ? q : 0))
                die("lookup found the wrong number of sessions");
        if (r >= 0)
            record(&rt, r, (double)(q * (uint64_t)threads), threads, dt, cpu);
    }
    snprintf(row, sizeof row, "lookup-%s-%dt", hit ? "hit" : "miss", threads);
    print_row(row, &rt, reps);
    for (int t = 0; t < threads; t++)
        free(ids[t]);
}

/* Adds m new sessions per repetition into a cache of size n that is already full. */
static void bench_add_evict(SSL_CTX *ctx, const unsigned char *der, long len, uint64_t n, int reps, long t0)
{
    uint64_t m = n / 4, next = n;
    struct rates rt;
    SSL_SESSION **batch = malloc(m * sizeof *batch);
    SSL_CTX_sess_set_cache_size(ctx, (long)n);
    for (int r = -1; r < reps; r++) {
        for (uint64_t k = 0; k < m; k++)
            batch[k] = make_session(der, len, next++, t0);
        double start = now_s(), c0 = cpu_s();
        for (uint64_t k = 0; k < m; k++) {
            if (SSL_CTX_add_session(ctx, batch[k]) != 1)
                die("SSL_CTX_add_session failed");
            SSL_SESSION_free(batch[k]); /* the cache keeps the only reference */
        }
        double dt = now_s() - start, cpu = cpu_s() - c0;
        if (r >= 0)
            record(&rt, r, (double)m, 1, dt, cpu);
    }
    if (SSL_CTX_sess_number(ctx) >= (long)n)
        die("the cache did not evict");
    print_row("add-evict", &rt, reps);
    free(batch);
}

/* Start offset of varied add k: spread over the timeout range by a multiplicative hash, the same on both sides
 * (CacheBenchmarks.VariedOffset), so each add lands at a random place in the expiry order. */
static long varied_offset(uint64_t k)
{
    return (long)((k * 2654435761ULL) % (uint64_t)SESSION_TIMEOUT);
}

/* Adds with expiries drawn over the timeout range into an unbounded cache of `cached` sessions whose expiries
 * fill that range: OpenSSL walks its timeout list from the head for each (SSL_SESSION_list_add), so it does
 * fewer adds per repetition than ours (the same sequence, a shorter prefix). */
static void bench_add_varied(const unsigned char *der, long len, uint64_t cached, int reps, long t0, const char *row)
{
    uint64_t m = 200000000ULL / cached < 200 ? 200 : 200000000ULL / cached, next = 0;
    struct rates rt;
    SSL_SESSION **batch = malloc(m * sizeof *batch);
    SSL_CTX *ctx = make_ctx(0);
    for (uint64_t i = 0; i < cached; i++) {
        SSL_SESSION *s = make_session(der, len, i, t0);
        if (!SSL_SESSION_set_time(s, t0 + (long)(i * (uint64_t)SESSION_TIMEOUT / cached)) || SSL_CTX_add_session(ctx, s) != 1)
            die("filling the varied cache failed");
        SSL_SESSION_free(s);
    }
    for (int r = -1; r < reps; r++) {
        for (uint64_t k = 0; k < m; k++, next++) {
            batch[k] = make_session(der, len, cached + next, t0);
            if (!SSL_SESSION_set_time(batch[k], t0 + varied_offset(next)))
                die("SSL_SESSION_set_time failed");
        }
        double start = now_s(), c0 = cpu_s();
        for (uint64_t k = 0; k < m; k++) {
            if (SSL_CTX_add_session(ctx, batch[k]) != 1)
                die("SSL_CTX_add_session failed");
            SSL_SESSION_free(batch[k]);
        }
        double dt = now_s() - start, cpu = cpu_s() - c0;
        if (r >= 0)
            record(&rt, r, (double)m, 1, dt, cpu);
    }
    if ((uint64_t)SSL_CTX_sess_number(ctx) != cached + next)
        die("the varied cache lost sessions");
    print_row(row, &rt, reps);
    SSL_CTX_free(ctx);
    free(batch);
}

/* Flush of `per_mille`/1000 of a fresh n-session cache (0 = flush-all); prints ops/s and ns/removed. */
static void bench_flush(const unsigned char *der, long len, uint64_t n, int reps, long t0, int per_mille)
{
    uint64_t expired = per_mille ? n * (uint64_t)per_mille / 1000 : n;
    long at = per_mille ? t0 + SESSION_TIMEOUT + (long)expired : 0;
    struct rates rt;
    char row[32];
    for (int r = 0; r < reps; r++) { /* each repetition needs its own full cache: no warm-up run */
        SSL_CTX *ctx = build_cache(der, len, n, t0);
        double start = now_s(), c0 = cpu_s();
        SSL_CTX_flush_sessions(ctx, at);
        double dt = now_s() - start, cpu = cpu_s() - c0;
        if ((uint64_t)SSL_CTX_sess_number(ctx) != n - expired)
            die("flush removed the wrong number of sessions");
        record(&rt, r, (double)expired, 1, dt, cpu);
        SSL_CTX_free(ctx);
    }
    if (per_mille == 0) {
        print_row("flush-all", &rt, reps);
    } else {
        snprintf(row, sizeof row, "flush-%gpct", per_mille / 10.0);
        print_row(row, &rt, reps);
        printf("flushscale-%gpct %.1f %.1f\n", per_mille / 10.0, 1e9 / median(rt.wall, reps), 1e9 / median(rt.cpu, reps));
    }
}

static int cmd_cache(int argc, char **argv)
{
    if (argc != 6 && argc != 7)
        die("usage: sessbench cache <template.der> <n> <reps> <t0> [lookup|add|flush]");
    long len;
    unsigned char *der = read_file(argv[2], &len);
    uint64_t n = strtoull(argv[3], NULL, 10);
    int reps = atoi(argv[4]);
    long t0 = atol(argv[5]);
    const char *group = argc == 7 ? argv[6] : "all";
    int all = strcmp(group, "all") == 0;
    if (reps < 1 || reps > MAX_REPS)
        die("reps must be 1..64");
    if (!all && strcmp(group, "lookup") != 0 && strcmp(group, "add") != 0 && strcmp(group, "flush") != 0)
        die("the group must be lookup, add, flush or all");

    if (all || strcmp(group, "lookup") == 0 || strcmp(group, "add") == 0) {
        SSL_CTX *ctx = build_cache(der, len, n, t0);
        if (all || strcmp(group, "lookup") == 0)
            for (int threads = 1; threads <= 2; threads++) {
                bench_lookup(ctx, n, reps, 1, threads);
                bench_lookup(ctx, n, reps, 0, threads);
            }
        if (all || strcmp(group, "add") == 0)
            bench_add_evict(ctx, der, len, n, reps, t0);
        SSL_CTX_free(ctx);
    }
    if (all || strcmp(group, "add") == 0) {
        bench_add_varied(der, len, 100000, reps, t0, "add-varied-100k");
        if (n >= 1000000)
            bench_add_varied(der, len, 1000000, reps, t0, "add-varied-1m");
    }
    if (all || strcmp(group, "flush") == 0) {
        bench_flush(der, len, n, reps, t0, 100);
        bench_flush(der, len, n, reps, t0, 10);
        bench_flush(der, len, n, reps, t0, 500);
        bench_flush(der, len, n, reps, t0, 0);
    }
    free(der);
    return 0;
}

typedef void (*op_fn)(void *state);

/* Prints the median ops/s of `reps` timed runs of about `seconds` each, after a warm-up of at
 * least as long whose last batch sizes the runs (the same method as the managed Stats.Measure). */
static void measure(const char *row, op_fn op, void *state, double seconds, int reps)
{
    struct rates rt;
    double warmed = 0;
    long iters = 100;
    for (;;) {
        double start = now_s();
        for (long k = 0; k < iters; k++)
            op(state);
        double dt = now_s() - start;
        warmed += dt;
        if (warmed >= seconds) {
            iters = (long)(seconds * (double)iters / dt) + 1;
            break;
        }
        if (dt < 0.05)
            iters *= 2;
    }
    for (int r = 0; r < reps; r++) {
        double start = now_s(), c0 = cpu_s();
        for (long k = 0; k < iters; k++)
            op(state);
        record(&rt, r, (double)iters, 1, now_s() - start, cpu_s() - c0);
    }
    print_row(row, &rt, reps);
}

struct codec_state {
    unsigned char *der;
    long der_len;
    char *pem;
    long pem_len;
    SSL_SESSION *decoded;
};

static void op_decode(void *arg)
{
    struct codec_state *st = arg;
    const unsigned char *p = st->der;
    SSL_SESSION *s = d2i_SSL_SESSION(NULL, &p, st->der_len);
    if (s == NULL)
        die("d2i_SSL_SESSION failed");
    SSL_SESSION_free(s);
}

static void op_encode(void *arg)
{
    struct codec_state *st = arg;
    unsigned char *out = NULL;
    if (i2d_SSL_SESSION(st->decoded, &out) != st->der_len)
        die("i2d_SSL_SESSION gave another length");
    OPENSSL_free(out);
}

static void op_pem_read(void *arg)
{
    struct codec_state *st = arg;
    BIO *bio = BIO_new_mem_buf(st->pem, (int)st->pem_len);
    SSL_SESSION *s = PEM_read_bio_SSL_SESSION(bio, NULL, NULL, NULL);
    if (s == NULL)
        die("PEM_read_bio_SSL_SESSION failed");
    SSL_SESSION_free(s);
    BIO_free(bio);
}

static int cmd_codec(int argc, char **argv)
{
    static const char *const names[] = { "tls12", "tls13" };
    if (argc != 5)
        die("usage: sessbench codec <data-dir> <seconds-per-rep> <reps>");
    double seconds = atof(argv[3]);
    int reps = atoi(argv[4]);
    if (reps < 1 || reps > MAX_REPS)
        die("reps must be 1..64");
    for (int k = 0; k < 2; k++) {
        char path[4096];
        struct codec_state st;
        snprintf(path, sizeof path, "%s/%s-cert.der", argv[2], names[k]);
        st.der = read_file(path, &st.der_len);
        snprintf(path, sizeof path, "%s/%s-cert.pem", argv[2], names[k]);
        st.pem = (char *)read_file(path, &st.pem_len);
        const unsigned char *p = st.der;
        st.decoded = d2i_SSL_SESSION(NULL, &p, st.der_len);
        if (st.decoded == NULL)
            die("d2i_SSL_SESSION failed");
        char row[32];
        snprintf(row, sizeof row, "decode-%s", names[k]);
        measure(row, op_decode, &st, seconds, reps);
        snprintf(row, sizeof row, "encode-%s", names[k]);
        measure(row, op_encode, &st, seconds, reps);
        snprintf(row, sizeof row, "pem-read-%s", names[k]);
        measure(row, op_pem_read, &st, seconds, reps);
        fflush(stdout);
        SSL_SESSION_free(st.decoded);
        free(st.der);
        free(st.pem);
    }
    return 0;
}

static long rss_bytes(void)
{
    long size, resident;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL || fscanf(f, "%ld %ld", &size, &resident) != 2)
        die("cannot read /proc/self/statm");
    fclose(f);
    return resident * sysconf(_SC_PAGESIZE);
}

static int cmd_memory(int argc, char **argv)
{
    if (argc != 6)
        die("usage: sessbench memory <row-name> <template.der> <n> <t0>");
    long len;
    unsigned char *der = read_file(argv[3], &len);
    uint64_t n = strtoull(argv[4], NULL, 10);
    long t0 = atol(argv[5]);
    SSL_CTX *ctx = make_ctx(0);
    /* Warm the allocator and libssl's lazily built tables with one session first. */
    SSL_SESSION *warm = make_session(der, len, n, t0);
    SSL_CTX_add_session(ctx, warm);
    SSL_SESSION_free(warm);
    long before = rss_bytes();
    for (uint64_t i = 0; i < n; i++) {
        SSL_SESSION *s = make_session(der, len, i, t0);
        SSL_CTX_add_session(ctx, s);
        SSL_SESSION_free(s);
    }
    long after = rss_bytes();
    if ((uint64_t)SSL_CTX_sess_number(ctx) != n + 1)
        die("memory: the cache lost sessions");
    printf("%s %.0f\n", argv[2], (double)(after - before) / (double)n);
    SSL_CTX_free(ctx);
    free(der);
    return 0;
}

/* A server-side TLS 1.2 session as a session-id cache holds it: no peer certificate, no ticket. */
static int cmd_gen(int argc, char **argv)
{
    static const unsigned char cipher[2] = { 0xC0, 0x2F }; /* ECDHE-RSA-AES128-GCM-SHA256 */
    unsigned char key[48], id[ID_LEN];
    if (argc != 4)
        die("usage: sessbench gen <out.der> <t0>");
    SSL_CTX *ctx = make_ctx(0);
    SSL *ssl = SSL_new(ctx);
    SSL_SESSION *s = SSL_SESSION_new();
    if (ssl == NULL || s == NULL)
        die("SSL_new/SSL_SESSION_new failed");
    id_for(UINT64_MAX, id);
    for (int k = 0; k < 48; k++)
        key[k] = (unsigned char)(k * 7 + 1);
    const SSL_CIPHER *c = SSL_CIPHER_find(ssl, cipher);
    if (c == NULL || !SSL_SESSION_set_protocol_version(s, TLS1_2_VERSION) || !SSL_SESSION_set_cipher(s, c)
        || !SSL_SESSION_set1_master_key(s, key, sizeof key) || !SSL_SESSION_set1_id(s, id, ID_LEN)
        || !SSL_SESSION_set1_id_context(s, (const unsigned char *)"www", 3)
        || !SSL_SESSION_set_timeout(s, SESSION_TIMEOUT) || !SSL_SESSION_set_time(s, atol(argv[3])))
        die("SSL_SESSION setters failed");
    unsigned char *out = NULL;
    int n = i2d_SSL_SESSION(s, &out);
    FILE *f = fopen(argv[2], "wb");
    if (n <= 0 || f == NULL || fwrite(out, 1, (size_t)n, f) != (size_t)n)
        die("cannot write the template");
    fclose(f);
    OPENSSL_free(out);
    SSL_SESSION_free(s);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 2 && strcmp(argv[1], "cache") == 0)
        return cmd_cache(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "codec") == 0)
        return cmd_codec(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "memory") == 0)
        return cmd_memory(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "gen") == 0)
        return cmd_gen(argc, argv);
    fprintf(stderr, "usage: sessbench gen|cache|codec|memory ...\n");
    return 2;
}
