package io.natsguard.webhook;

/** Judges one usable review: in the webhook, the lint core ({@link AdmissionReviewer#judge}). */
@FunctionalInterface
public interface Judge {

    AdmissionReviewer.Answer judge(AdmissionReviewer.Review review);
}
