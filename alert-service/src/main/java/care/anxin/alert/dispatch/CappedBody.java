package care.anxin.alert.dispatch;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap: once the cap is reached the rest is not read (the subscription
 * is cancelled), so a partner answering with an endless or huge body costs at most the cap. Only
 * used for error messages; a 2xx answer's body is not needed at all.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {

    private final int cap;
    private final byte[] buffer;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private int length;
    private Flow.Subscription subscription;

    private CappedBody(int cap) {
        this.cap = cap;
        this.buffer = new byte[cap];
    }

    static HttpResponse.BodyHandler<String> handler(int cap) {
        return info -> new CappedBody(cap);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int n = Math.min(item.remaining(), cap - length);
            item.get(buffer, length, n);
            length += n;
        }
        if (length >= cap && !result.isDone()) {
            subscription.cancel();
            complete();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (!result.isDone()) {
            result.completeExceptionally(throwable);
        }
    }

    @Override
    public void onComplete() {
        complete();
    }

    private void complete() {
        result.complete(new String(buffer, 0, length, StandardCharsets.UTF_8));
    }
}
