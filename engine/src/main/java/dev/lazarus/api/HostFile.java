package dev.lazarus.api;

import java.util.Optional;

/**
 * A path on a node, as {@code stat}, {@code sha256sum} and {@code head} read it.
 *
 * @param type what {@code stat} calls it ({@code regular file}, {@code directory}, {@code symbolic link}, …), empty
 *     when it does not exist
 * @param mode the permission bits in octal ({@code 644})
 * @param sha256 the content's SHA-256, for a regular file
 * @param contents the first MiB of a regular file's content
 */
public record HostFile(
        String path,
        boolean exists,
        String type,
        String mode,
        String owner,
        String group,
        long size,
        Optional<String> sha256,
        Optional<String> contents,
        CommandResult readBy) {

    public boolean isFile() {
        return type.startsWith("regular");
    }

    public boolean isDirectory() {
        return type.equals("directory");
    }
}
