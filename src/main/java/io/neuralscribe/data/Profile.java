package io.neuralscribe.data;

/**
 * A person's profile: the characters they taught the reader.
 *
 * @param name its unique name (see {@link ProfileStore#checkName})
 * @param samples how many samples it holds
 * @param createdMs when it was created, milliseconds since the epoch
 */
public record Profile(String name, int samples, long createdMs) {}
