package dev.tito.operator.culling;

import java.net.URI;

/**
 * One running server to ask for activity.
 *
 * @param server namespace/name of the student's StatefulSet
 * @param statusUri the server's /api/status
 * @param token the student's access token
 */
public record ProbeTarget(String server, URI statusUri, String token) {}
