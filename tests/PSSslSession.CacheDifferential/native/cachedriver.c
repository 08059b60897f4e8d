/*
 * cachedriver: runs cache operation scripts against OpenSSL's own session cache (libssl's public API) and prints
 * one trace line per operation, in the format the managed side (EngineRunner.cs) prints for the module's engine.
 * The differential test (tests/PSSslSession.CacheDifferential) feeds both the same scripts and compares the lines.
 *
 * Input (stdin), one command per line; times are seconds after T0 (both sides use the same T0):
 *   script <name>                         starts a script: a fresh SSL_CTX (TLS 1.2 server), mode SERVER|NO_AUTO_CLEAR,
 *                                         size 20480 (OpenSSL's default), no session id context
 *   mode <server|update>                  update adds SSL_SESS_CACHE_UPDATE_TIME
 *   size <n>                              SSL_CTX_sess_set_cache_size
 *   sidctx <hex|->                        SSL_CTX_set_session_id_context
 *   now <t>                               the clock libssl reads (time() is interposed below)
 *   new <h> <idhex|-> <start> <timeout> <sidctxhex|->   a TLS 1.2 session object, handle h (not added)
 *   add <h> | remove <h>                  SSL_CTX_add_session / SSL_CTX_remove_session of object h
 *   settime <h> <start> | settimeout <h> <timeout>      SSL_SESSION_set_time / _set_timeout
 *   flush <t> | flushall                  SSL_CTX_flush_sessions(ctx, T0 + t) / (ctx, 0)
 *   has <h>                               SSL_has_matching_session_id with h's id
 *   lookup <h>                            a real TLS 1.2 ClientHello offering h's id, processed by a server SSL
 *   end                                   ends the script (frees everything)
 * Output: for each command but script/end, one line
 *   <result> | <removals> | n=<count> hits=<> misses=<> timeouts=<> full=<> | <cached handles, ascending>
 * <removals> are the remove callback's calls in order as h<k>:<reason> (reason from the operation: add → Evicted,
 * flush → Flushed, remove → Removed, lookup → Expired), or "-". A callback during SSL_CTX_remove_session is marked
 * {absent} when the cache held no session with that key, and {cached=h<r>} when the instance that left was another
 * one than the argument the callback got: the two documented differences (DeliberateDifferences.cs).
 */
#define OPENSSL_SUPPRESS_DEPRECATED /* TLSv1_2_server_method: see new_context */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/lhash.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define T0 1700000000L
#define MAX_OBJECTS 256

static time_t fake_now = T0;

/* libssl reads "now" with time(NULL) (session creation, UPDATE_TIME, the lookup's expiry check): the executable's
 * definition interposes libc's, so the scripts control the clock. */
time_t time(time_t *out)
{
    if (out != NULL)
        *out = fake_now;
    return fake_now;
}

static void die(const char *what)
{
    fprintf(stderr, "cachedriver: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(2);
}

static SSL_SESSION *objects[MAX_OBJECTS];
static int object_count;

static int handle_of(const SSL_SESSION *s)
{
    for (int i = 0; i < object_count; i++)
        if (objects[i] == s)
            return i;
    return -1;
}

/* The remove callback's calls during the current command. */
static char events[65536];
static const char *reason = "?";
static const SSL_SESSION *remove_arg, *remove_cached; /* during "remove": the argument and what the cache held */

static void append(char *buf, size_t size, const char *text)
{
    size_t len = strlen(buf);
    if (len + strlen(text) + 1 >= size)
        die("trace line too long");
    memcpy(buf + len, text, strlen(text) + 1);
}

static void on_remove(SSL_CTX *ctx, SSL_SESSION *s)
{
    (void)ctx;
    char text[96];
    snprintf(text, sizeof text, "%sh%d:%s", events[0] ? " " : "", handle_of(s), reason);
    append(events, sizeof events, text);
    if (remove_arg != NULL && s == remove_arg) {
        if (remove_cached == NULL)
            append(events, sizeof events, "{absent}");
        else if (remove_cached != s) {
            snprintf(text, sizeof text, "{cached=h%d}", handle_of(remove_cached));
            append(events, sizeof events, text);
        }
    }
}

static int cached_handles[MAX_OBJECTS + 1];
static int cached_count;

static void collect(SSL_SESSION *s, void *arg)
{
    (void)arg;
    if (cached_count <= MAX_OBJECTS)
        cached_handles[cached_count++] = handle_of(s);
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static SSL_CTX *ctx, *client_ctx;
static EVP_PKEY *server_key;
static X509 *server_cert;

static void print_line(const char *result)
{
    cached_count = 0;
    OPENSSL_LH_doall_arg((OPENSSL_LHASH *)SSL_CTX_sessions(ctx), (OPENSSL_LH_DOALL_FUNCARG)collect, NULL);
    qsort(cached_handles, (size_t)cached_count, sizeof(int), cmp_int);
    printf("%s | %s | n=%ld hits=%ld misses=%ld timeouts=%ld full=%ld |", result, events[0] ? events : "-",
           SSL_CTX_sess_number(ctx), SSL_CTX_sess_hits(ctx), SSL_CTX_sess_misses(ctx), SSL_CTX_sess_timeouts(ctx),
           SSL_CTX_sess_cache_full(ctx));
    for (int i = 0; i < cached_count; i++)
        printf(" h%d", cached_handles[i]);
    printf("\n");
}

static size_t parse_hex(const char *hex, unsigned char *out, size_t max)
{
    if (strcmp(hex, "-") == 0)
        return 0;
    size_t n = strlen(hex) / 2;
    if (n > max || strlen(hex) % 2)
        die("bad hex");
    for (size_t i = 0; i < n; i++) {
        unsigned int b;
        if (sscanf(hex + 2 * i, "%2x", &b) != 1)
            die("bad hex");
        out[i] = (unsigned char)b;
    }
    return n;
}

static const SSL_CIPHER *session_cipher(void)
{
    static const SSL_CIPHER *cipher;
    if (cipher == NULL) {
        SSL *ssl = SSL_new(client_ctx);
        static const unsigned char code[2] = { 0xC0, 0x2F }; /* ECDHE-RSA-AES128-GCM-SHA256, in every default list */
        if (ssl == NULL || (cipher = SSL_CIPHER_find(ssl, code)) == NULL)
            die("SSL_CIPHER_find failed");
        SSL_free(ssl);
    }
    return cipher;
}

static SSL_SESSION *make_session(const unsigned char *id, size_t id_len, long start, long timeout,
                                 const unsigned char *sid_ctx, size_t sid_ctx_len)
{
    static const unsigned char master_key[48] = { 1 };
    SSL_SESSION *s = SSL_SESSION_new();
    if (s == NULL || !SSL_SESSION_set_protocol_version(s, TLS1_2_VERSION) || !SSL_SESSION_set_cipher(s, session_cipher())
        || !SSL_SESSION_set1_master_key(s, master_key, sizeof master_key) || !SSL_SESSION_set1_id(s, id, (unsigned int)id_len)
        || !SSL_SESSION_set1_id_context(s, sid_ctx, (unsigned int)sid_ctx_len)
        || !SSL_SESSION_set_time(s, T0 + start) || !SSL_SESSION_set_timeout(s, timeout))
        die("making a session failed");
    return s;
}

/* A self-signed P-256 certificate, so that a server SSL that misses can go on with a full handshake instead of
 * sending a fatal alert (which would remove its session from the cache and call the remove callback). */
static void make_server_identity(void)
{
    server_key = EVP_EC_gen("P-256");
    server_cert = X509_new();
    if (server_key == NULL || server_cert == NULL)
        die("key generation failed");
    X509_set_version(server_cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(server_cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(server_cert), -86400L * 365 * 30);
    X509_gmtime_adj(X509_getm_notAfter(server_cert), 86400L * 365 * 30);
    X509_set_pubkey(server_cert, server_key);
    X509_NAME *name = X509_get_subject_name(server_cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"cachedriver", -1, -1, 0);
    X509_set_issuer_name(server_cert, name);
    if (!X509_sign(server_cert, server_key, EVP_sha256()))
        die("signing the certificate failed");
}

/* The TLS 1.2 method: SSL_has_matching_session_id looks up under the SSL's version, which is 0x0303 only for an SSL
 * of a TLS 1.2 method (TLS_server_method gives 0x0304 even when capped at TLS 1.2). */
static void new_context(void)
{
    ctx = SSL_CTX_new(TLSv1_2_server_method());
    if (ctx == NULL || !SSL_CTX_use_certificate(ctx, server_cert) || !SSL_CTX_use_PrivateKey(ctx, server_key))
        die("SSL_CTX_new failed");
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_remove_cb(ctx, on_remove);
}

static void end_script(void)
{
    SSL_CTX_sess_set_remove_cb(ctx, NULL);
    SSL_CTX_free(ctx);
    ctx = NULL;
    for (int i = 0; i < object_count; i++)
        SSL_SESSION_free(objects[i]);
    object_count = 0;
}

static SSL_SESSION *object(const char *arg)
{
    int h = atoi(arg);
    if (h < 0 || h >= object_count)
        die("unknown handle");
    return objects[h];
}

/* The server's resume lookup, through libssl's own ClientHello processing: a TLS 1.2 client offers the id, a server
 * SSL of the context reads the ClientHello and answers with its first flight; neither finishes. */
static const char *lookup(SSL_SESSION *wanted)
{
    unsigned int id_len;
    const unsigned char *id = SSL_SESSION_get_id(wanted, &id_len);
    SSL_SESSION *offered = make_session(id, id_len, fake_now - T0, 1000000, NULL, 0);
    SSL *client = SSL_new(client_ctx), *server = SSL_new(ctx);
    BIO *to_server = BIO_new(BIO_s_mem()), *to_client = BIO_new(BIO_s_mem());
    if (client == NULL || server == NULL || to_server == NULL || to_client == NULL || !SSL_set_session(client, offered))
        die("lookup setup failed");
    SSL_SESSION_free(offered);
    BIO_up_ref(to_server);
    BIO_up_ref(to_client);
    SSL_set_bio(client, to_client, to_server);
    SSL_set_bio(server, to_server, to_client);
    if (SSL_connect(client) > 0 || SSL_get_error(client, -1) != SSL_ERROR_WANT_READ)
        die("the client did not send its ClientHello");
    long hits = SSL_CTX_sess_hits(ctx), misses = SSL_CTX_sess_misses(ctx), timeouts = SSL_CTX_sess_timeouts(ctx);
    if (SSL_accept(server) > 0 || SSL_get_error(server, -1) != SSL_ERROR_WANT_READ)
        die("the server did not wait for the client's next flight");
    const char *outcome = SSL_session_reused(server) ? "hit"
        : SSL_CTX_sess_timeouts(ctx) != timeouts ? "timeout"
        : SSL_CTX_sess_misses(ctx) != misses ? "miss"
        : "reject";
    if (SSL_session_reused(server) && SSL_CTX_sess_hits(ctx) != hits + 1)
        die("a resumption without a hit");
    SSL_free(client);
    SSL_free(server);
    return outcome;
}

int main(void)
{
    char line[1024];
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    make_server_identity();
    client_ctx = SSL_CTX_new(TLS_client_method());
    if (client_ctx == NULL || !SSL_CTX_set_max_proto_version(client_ctx, TLS1_2_VERSION))
        die("client SSL_CTX_new failed");
    /* No ticket and no extended master secret: the offered id is the only way to resume. */
    SSL_CTX_set_options(client_ctx, SSL_OP_NO_TICKET | SSL_OP_NO_EXTENDED_MASTER_SECRET);
    SSL_CTX_set_session_cache_mode(client_ctx, SSL_SESS_CACHE_OFF);

    while (fgets(line, sizeof line, stdin) != NULL) {
        char cmd[32] = "", a[256] = "", b[256] = "", c[64] = "", d[64] = "", e[256] = "";
        char result[32] = "-";
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == 0)
            continue;
        sscanf(line, "%31s %255s %255s %63s %63s %255s", cmd, a, b, c, d, e);
        events[0] = 0;
        remove_arg = remove_cached = NULL;
        if (strcmp(cmd, "script") == 0) {
            new_context();
            fake_now = T0;
            printf("script %s\n", a);
            continue;
        }
        if (ctx == NULL)
            die("a command outside a script");
        if (strcmp(cmd, "end") == 0) {
            end_script();
            printf("end\n");
            fflush(stdout);
            continue;
        }
        if (strcmp(cmd, "mode") == 0) {
            long mode = SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR;
            if (strcmp(a, "update") == 0)
                mode |= SSL_SESS_CACHE_UPDATE_TIME;
            SSL_CTX_set_session_cache_mode(ctx, mode);
        } else if (strcmp(cmd, "size") == 0) {
            SSL_CTX_sess_set_cache_size(ctx, atol(a));
        } else if (strcmp(cmd, "sidctx") == 0) {
            unsigned char bytes[32];
            size_t n = parse_hex(a, bytes, sizeof bytes);
            if (!SSL_CTX_set_session_id_context(ctx, bytes, (unsigned int)n))
                die("SSL_CTX_set_session_id_context failed");
        } else if (strcmp(cmd, "now") == 0) {
            fake_now = T0 + atol(a);
        } else if (strcmp(cmd, "new") == 0) {
            unsigned char id[32], sid_ctx[32];
            size_t id_len = parse_hex(b, id, sizeof id), sid_ctx_len = parse_hex(e, sid_ctx, sizeof sid_ctx);
            if (atoi(a) != object_count || object_count == MAX_OBJECTS)
                die("handles must be numbered 0, 1, 2, ...");
            objects[object_count++] = make_session(id, id_len, atol(c), atol(d), sid_ctx, sid_ctx_len);
        } else if (strcmp(cmd, "add") == 0) {
            reason = "Evicted";
            snprintf(result, sizeof result, "%d", SSL_CTX_add_session(ctx, object(a)));
        } else if (strcmp(cmd, "remove") == 0) {
            reason = "Removed";
            remove_arg = object(a);
            remove_cached = OPENSSL_LH_retrieve((OPENSSL_LHASH *)SSL_CTX_sessions(ctx), remove_arg);
            snprintf(result, sizeof result, "%d", SSL_CTX_remove_session(ctx, object(a)));
        } else if (strcmp(cmd, "settime") == 0) {
            SSL_SESSION_set_time(object(a), T0 + atol(b));
        } else if (strcmp(cmd, "settimeout") == 0) {
            SSL_SESSION_set_timeout(object(a), atol(b));
        } else if (strcmp(cmd, "flush") == 0) {
            reason = "Flushed";
            SSL_CTX_flush_sessions(ctx, T0 + atol(a));
        } else if (strcmp(cmd, "flushall") == 0) {
            reason = "Flushed";
            SSL_CTX_flush_sessions(ctx, 0);
        } else if (strcmp(cmd, "has") == 0) {
            unsigned int id_len;
            const unsigned char *id = SSL_SESSION_get_id(object(a), &id_len);
            SSL *ssl = SSL_new(ctx);
            if (ssl == NULL)
                die("SSL_new failed");
            snprintf(result, sizeof result, "%d", SSL_has_matching_session_id(ssl, id, id_len));
            SSL_free(ssl);
        } else if (strcmp(cmd, "lookup") == 0) {
            reason = "Expired";
            snprintf(result, sizeof result, "%s", lookup(object(a)));
        } else {
            die("unknown command");
        }
        print_line(result);
    }
    if (ctx != NULL)
        die("the input ended inside a script");
    fflush(stdout);
    return 0;
}
