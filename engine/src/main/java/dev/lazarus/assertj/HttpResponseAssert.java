package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HttpResponse;

/** Assertions on an HTTP answer a node got. */
public final class HttpResponseAssert extends FactAssert<HttpResponseAssert, HttpResponse> {

    HttpResponseAssert(HttpResponse actual) {
        super(actual, HttpResponseAssert.class);
    }

    @Override
    CommandResult readBy() {
        return actual.readBy();
    }

    @Override
    String fact() {
        return "GET " + actual.url();
    }

    private String status() {
        return actual.status() == 0 ? "no answer came" : "the status is " + actual.status();
    }

    public HttpResponseAssert hasStatus(int status) {
        return expect(actual.status() == status, "answer " + status, status());
    }

    public HttpResponseAssert bodyContains(String text) {
        return expect(
                actual.body().contains(text),
                "answer a body containing \"" + text + "\"",
                status() + " and the body does not contain it");
    }

    public HttpResponseAssert hasHeader(String name, String value) {
        String actualValue = actual.header(name).orElse(null);
        return expect(
                value.equals(actualValue),
                "answer the header " + name + ": " + value,
                actualValue == null ? "it has no " + name + " header" : "it is " + name + ": " + actualValue);
    }
}
