package dev.lazarus.fleet;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated node's file system: an in-memory POSIX file system (Jimfs) that the node's commands read and write and
 * its SFTP subsystem serves, so a file uploaded is the file {@code stat} and {@code head} then read. Created at its
 * first use: a node nobody asks about a file costs nothing.
 */
final class NodeFiles implements AutoCloseable {

    private FileSystem fs;

    /** The file system, created on first use; SFTP sessions see it through a root of their own. */
    synchronized FileSystem fileSystem() {
        if (fs == null) {
            fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                    .setAttributeViews("basic", "owner", "posix", "unix")
                    .setDefaultAttributeValue("owner:owner", EmbeddedFleet.USER)
                    .setDefaultAttributeValue("posix:group", EmbeddedFleet.USER)
                    .setDefaultAttributeValue("posix:permissions", "rw-r--r--")
                    .setWorkingDirectory("/home/" + EmbeddedFleet.USER)
                    .build());
        }
        return fs;
    }

    Path path(String path) {
        return fileSystem().getPath(path);
    }

    /** Writes a file as a package would: its folders made, owned by {@code owner:group}, with {@code mode}. */
    void install(String path, String content, String owner, String group, String mode) {
        try {
            Path p = path(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            UserPrincipalLookupService users = fileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            view.setOwner(users.lookupPrincipalByName(owner));
            view.setGroup(users.lookupPrincipalByGroupName(group));
            view.setPermissions(PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated node could not write " + path, e);
        }
    }

    /** What {@code stat -c} reports of a path, or empty when it does not exist. */
    Optional<Stat> stat(String path) {
        Path p = path(path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String type = a.isDirectory()
                    ? "directory"
                    : a.isSymbolicLink() ? "symbolic link" : a.size() == 0 ? "regular empty file" : "regular file";
            GroupPrincipal group = a.group();
            return Optional.of(new Stat(type, octal(a.permissions()), a.owner().getName(), group.getName(), a.size()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A regular file's bytes, or empty when there is none at {@code path}. */
    Optional<byte[]> read(String path) {
        Path p = path(path);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return Integer.toOctalString(mode);
    }

    @Override
    public synchronized void close() {
        if (fs != null) {
            try {
                fs.close();
            } catch (IOException e) {
                // an in-memory file system holds nothing to release
            }
        }
    }

    /** A path's type, permission bits in octal, owner, group and size. */
    record Stat(String type, String mode, String owner, String group, long size) {}
}
