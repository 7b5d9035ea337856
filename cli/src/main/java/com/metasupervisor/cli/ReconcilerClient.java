package com.metasupervisor.cli;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;

/** The reconciler's REST API as the commands call it; its URL is the command's ({@link ServiceClients}). */
@Client(id = ReconcilerClient.ID, errorType = String.class)
interface ReconcilerClient {

    String ID = "reconciler";

    /**
     * Every answer comes back, errors included with their body (the client is set not to throw on them).
     *
     * @param authorization {@code Bearer <operator token>}: training is an operator action
     */
    @Post("/models/{horizon}/train")
    HttpResponse<String> train(@PathVariable String horizon, @Header(HttpHeaders.AUTHORIZATION) String authorization);
}
