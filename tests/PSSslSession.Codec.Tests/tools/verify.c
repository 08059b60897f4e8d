/* Prints X509_verify_cert_error_string for codes -1..200 (the [5] verify_result texts).
 * Build: gcc verify.c -lcrypto -o verify && ./verify > verify.txt
 * Output: "<code>\t<text>". */
#include <stdio.h>
#include <openssl/x509.h>

int main(void)
{
    for (long n = -1; n <= 200; n++)
        printf("%ld\t%s\n", n, X509_verify_cert_error_string(n));
    return 0;
}
