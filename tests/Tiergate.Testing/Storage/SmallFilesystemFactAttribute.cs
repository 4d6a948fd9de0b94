namespace Tiergate.Testing.Storage;

/// <summary>A test that mounts a size-limited tmpfs: skipped, with the reason, where this process cannot mount one (not root).</summary>
public sealed class SmallFilesystemFactAttribute : FactAttribute
{
    public SmallFilesystemFactAttribute()
    {
        using var probe = SmallFilesystem.TryMount("1m");
        if (probe is null)
        {
            Skip = "SKIPPED: cannot mount a size-limited tmpfs here (needs root or CAP_SYS_ADMIN), so the disk-full test cannot fill a real disk.";
        }
    }
}
