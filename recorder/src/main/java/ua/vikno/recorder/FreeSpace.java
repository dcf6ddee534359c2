package ua.vikno.recorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where recordings are written; a seam for tests of the disk-full report. */
@FunctionalInterface
public interface FreeSpace {

    long usableBytes(Path directory) throws IOException;

    /** The file store's usable space. */
    static FreeSpace ofFileStore() {
        return dir -> Files.getFileStore(dir).getUsableSpace();
    }
}
