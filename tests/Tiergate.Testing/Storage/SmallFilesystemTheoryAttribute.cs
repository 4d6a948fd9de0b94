namespace Tiergate.Testing.Storage;

/// <summary>A theory that mounts a size-limited tmpfs: skipped, with the reason, where this process cannot mount one (not root).</summary>
public sealed class SmallFilesystemTheoryAttribute : TheoryAttribute
{
    public SmallFilesystemTheoryAttribute()
    {
        using var probe = SmallFilesystem.TryMount("1m");
        if (probe is null)
        {
            Skip = "SKIPPED: cannot mount a size-limited tmpfs here (needs root or CAP_SYS_ADMIN), so the disk-full test cannot fill a real disk.";
        }
    }
}
