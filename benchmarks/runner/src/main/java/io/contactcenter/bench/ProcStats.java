package io.contactcenter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Resident memory and CPU time of processes, read from {@code /proc} (Linux). */
public final class ProcStats {

    /** USER_HZ: the unit of utime/stime in /proc/[pid]/stat; 100 on every Linux this runs on. */
    static final long CLOCK_TICKS = 100;

    private ProcStats() {
    }

    /** Resident set size in MiB summed over {@code pids}; 0 for a process that is gone. */
    public static double rssMb(List<Long> pids) {
        long kb = 0;
        for (long pid : pids) {
            kb += rssKb(pid);
        }
        return Math.round(kb / 102.4) / 10.0;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited
        }
        return 0;
    }

    /** User + system CPU time in seconds summed over {@code pids}. */
    public static double cpuSeconds(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            ticks += cpuTicks(pid);
        }
        return ticks / (double) CLOCK_TICKS;
    }

    static long cpuTicks(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Fields of /proc/[pid]/stat after the command name: [0] = state, [1] = ppid, [11] = utime, [12] = stime. */
    static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return parseStat(stat);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    static String[] parseStat(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** {@code root} and all its descendants. */
    public static List<Long> tree(long root) {
        List<long[]> parents = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        String[] fields = statFields(Long.parseLong(n));
                        if (fields != null) {
                            parents.add(new long[] {Long.parseLong(n), Long.parseLong(fields[1])});
                        }
                    });
        } catch (IOException e) {
            return List.of(root);
        }
        List<Long> result = new ArrayList<>(List.of(root));
        for (int i = 0; i < result.size(); i++) {
            long parent = result.get(i);
            for (long[] p : parents) {
                if (p[1] == parent) {
                    result.add(p[0]);
                }
            }
        }
        return result;
    }

    /** The process whose command line contains every one of {@code parts}, or -1. */
    public static long findByCommandLine(String... parts) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .filter(n -> {
                        try {
                            String cmd = new String(Files.readAllBytes(Path.of("/proc", n, "cmdline")),
                                    StandardCharsets.UTF_8).replace('\0', ' ');
                            for (String part : parts) {
                                if (!cmd.contains(part)) {
                                    return false;
                                }
                            }
                            return true;
                        } catch (IOException | RuntimeException e) {
                            return false;
                        }
                    })
                    .mapToLong(Long::parseLong).min().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
