/* Lists every 2-byte cipher code OpenSSL decodes in a session.
 * d2i_SSL_SESSION looks the code up with ssl3_get_cipher_by_id (TLS1.3 suites, TLS<=1.2 suites,
 * SCSVs); SSL_CIPHER_find on a TLS_method() SSL goes through the same lookup.
 * Build: gcc ciphers.c -lssl -lcrypto -o ciphers && ./ciphers > ciphers.txt
 * Output: one line per code: "XXXX <OpenSSL name> <standard name>". */
#include <stdio.h>
#include <openssl/ssl.h>

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = ctx ? SSL_new(ctx) : NULL;
    if (ssl == NULL) { fprintf(stderr, "cannot create an SSL\n"); return 1; }
    for (unsigned code = 0; code <= 0xFFFF; code++) {
        unsigned char bytes[2] = { (unsigned char)(code >> 8), (unsigned char)code };
        const SSL_CIPHER *c = SSL_CIPHER_find(ssl, bytes);
        if (c == NULL) continue;
        const char *std = SSL_CIPHER_standard_name(c);
        printf("%04X %s %s\n", code, SSL_CIPHER_get_name(c), std ? std : "(NONE)");
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}
