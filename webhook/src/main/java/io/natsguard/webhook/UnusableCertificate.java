package io.natsguard.webhook;

/** The certificate and key files cannot be served; the message names the file and what is wrong with it. */
class UnusableCertificate extends Exception {

    UnusableCertificate(String message) {
        super(message);
    }
}
