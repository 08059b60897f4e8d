/* Prints the name OpenSSL gives each TLS group id (SSL_group_to_name with TLSEXT_nid_unknown|id,
 * which looks the IANA id up in the context's provider group list).
 * Build: gcc groups.c -lssl -lcrypto -o groups && ./groups > groups.txt
 * Output: "XXXX <name>". */
#include <stdio.h>
#include <openssl/ssl.h>

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = ctx ? SSL_new(ctx) : NULL;
    if (ssl == NULL) { fprintf(stderr, "cannot create an SSL\n"); return 1; }
    for (int id = 1; id <= 0xFFFF; id++) {
        const char *name = SSL_group_to_name(ssl, TLSEXT_nid_unknown | id);
        if (name != NULL) printf("%04X %s\n", id, name);
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}
