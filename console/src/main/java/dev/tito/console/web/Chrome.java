package dev.tito.console.web;

import java.util.List;

/**
 * What every page shows around its content.
 *
 * @param where the course folder or the cluster's namespace
 * @param flash one line about what was just done, or null
 * @param activity what the console did in the background, newest last
 * @param base the path the pages' relative links resolve against ({@code <base href>}), ending in {@code /}
 * @param person who the gateway signed in (with links to its class list and sign-out), or null on a laptop
 */
public record Chrome(
    String where,
    boolean cluster,
    String flash,
    List<String> activity,
    String base,
    String person) {}
