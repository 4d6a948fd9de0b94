namespace Tiergate.Storage.Audit;

/// <summary>
/// Checks a chain fed in sequence order: numbering without gaps, each record's link to the one
/// before, each record's own hash, every signed checkpoint, and the signed head (which must be the
/// last record: records beyond it were added without the key, a log that ends before it was
/// truncated). Stops at the first problem. Used for the database and for exports alike.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly AuditVerificationKey _key;
    private readonly SortedDictionary<long, AuditCheckpointEntity> _checkpoints = [];
    private readonly SortedDictionary<long, AuditCheckpointEntity> _anchors = [];
    private readonly AuditHeadEntity? _head;
    private byte[] _lastHash = AuditCanonical.GenesisHash();
    private long _last;
    private long _count;
    private int _checkpointsChecked;
    private long? _badSequence;
    private string? _problem;

    public AuditChainVerifier(AuditVerificationKey key, AuditHeadEntity? head, IEnumerable<AuditCheckpointEntity> checkpoints)
    {
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _head = head;
        foreach (var checkpoint in checkpoints ?? [])
        {
            if (!_checkpoints.TryAdd(checkpoint.Sequence, checkpoint))
            {
                Fail(checkpoint.Sequence, $"two checkpoints claim record {checkpoint.Sequence}");
            }
        }
    }

    public bool Failed => _problem is not null;

    /// <summary>Where the chain began: 0 for the genesis, else the sequence of the signed anchor it continues.</summary>
    public long StartSequence { get; private set; }

    /// <summary>
    /// Starts the chain after a signed anchor (the head of the archive that holds the records up to
    /// it) instead of at record 1: the next record must be <c>anchor.Sequence + 1</c> and link to the
    /// anchor's hash. Checkpoints at or below the anchor are ignored (the archive holds and checks them).
    /// Call before the first <see cref="Add"/>; returns false when the anchor's signature does not hold.
    /// </summary>
    public bool StartAfter(AuditCheckpointEntity anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        if (_count > 0 || _last != 0)
        {
            throw new InvalidOperationException("the start of the chain is set before the first record");
        }

        if (!CheckSeal(anchor.Sequence, anchor.Hash, anchor.CreatedAtUnixMs, anchor.KeyId, anchor.Signature, anchor.Hash, "archive anchor"))
        {
            return false;
        }

        // Everything up to the anchor was archived: a head there must seal the anchor's record.
        if (_head is not null && _head.Sequence == anchor.Sequence
            && !CheckSeal(_head.Sequence, _head.Hash, _head.CreatedAtUnixMs, _head.KeyId, _head.Signature, anchor.Hash, "head"))
        {
            return false;
        }

        _last = anchor.Sequence;
        _lastHash = anchor.Hash;
        StartSequence = anchor.Sequence;
        foreach (var below in _checkpoints.Keys.Where(s => s <= anchor.Sequence).ToList())
        {
            _checkpoints.Remove(below);
        }

        return true;
    }

    /// <summary>
    /// Adds a seal kept elsewhere, such as the head of an earlier off-host export: the log must still
    /// hold that record with that hash. This catches a rollback (records deleted together with the
    /// head and checkpoints that covered them), which the database alone cannot reveal.
    /// </summary>
    public void AddAnchor(AuditCheckpointEntity anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        _anchors[anchor.Sequence] = anchor;
    }

    /// <summary>Checks the next record; returns false once the chain has failed (further records are ignored).</summary>
    public bool Add(AuditRecordEntity record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Failed)
        {
            return false;
        }

        var expected = _last + 1;
        if (record.Sequence > expected)
        {
            return Fail(expected, $"record {expected} is missing (deleted): the next record is {record.Sequence}");
        }

        if (record.Sequence < expected)
        {
            return Fail(record.Sequence, $"record {record.Sequence} is out of order: expected record {expected}");
        }

        if (_head is not null && record.Sequence > _head.Sequence)
        {
            return Fail(record.Sequence, $"record {record.Sequence} is not sealed by the signed head (which ends at record {_head.Sequence}): it was inserted without the signing key");
        }

        if (!record.PreviousHash.AsSpan().SequenceEqual(_lastHash))
        {
            return Fail(record.Sequence, record.Sequence - 1 == StartSequence && StartSequence > 0
                ? $"record {record.Sequence} does not link to the archive anchor at record {StartSequence}: its previous-hash differs"
                : $"record {record.Sequence} does not link to record {record.Sequence - 1}: its previous-hash differs (inserted, reordered or a neighbour altered)");
        }

        var hash = AuditCanonical.HashRecord(record);
        if (!hash.AsSpan().SequenceEqual(record.Hash))
        {
            return Fail(record.Sequence, $"record {record.Sequence} was altered: its contents do not match its hash");
        }

        if (_checkpoints.TryGetValue(record.Sequence, out var checkpoint))
        {
            if (!CheckSeal(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAtUnixMs, checkpoint.KeyId, checkpoint.Signature, hash, "checkpoint"))
            {
                return false;
            }

            _checkpointsChecked++;
        }

        if (_anchors.TryGetValue(record.Sequence, out var anchor)
            && !CheckSeal(anchor.Sequence, anchor.Hash, anchor.CreatedAtUnixMs, anchor.KeyId, anchor.Signature, hash, "earlier export's head"))
        {
            return false;
        }

        if (_head is not null && record.Sequence == _head.Sequence
            && !CheckSeal(_head.Sequence, _head.Hash, _head.CreatedAtUnixMs, _head.KeyId, _head.Signature, hash, "head"))
        {
            return false;
        }

        _lastHash = hash;
        _last = record.Sequence;
        _count++;
        return true;
    }

    /// <summary>Call after the last record: catches truncation and a missing head.</summary>
    public AuditVerificationResult Complete()
    {
        if (!Failed)
        {
            var beyond = _checkpoints.Keys.Where(s => s > _last).ToList();
            var anchored = _anchors.Keys.Where(s => s > _last).ToList();
            if (anchored.Count > 0)
            {
                Fail(_last + 1, $"records {_last + 1}..{anchored[^1]} are missing (rolled back or truncated): an earlier export seals record {anchored[^1]}");
            }
            else if (_head is not null && _head.Sequence > _last)
            {
                Fail(_last + 1, $"records {_last + 1}..{_head.Sequence} are missing (truncated): the log ends at record {_last} but the signed head covers record {_head.Sequence}");
            }
            else if (beyond.Count > 0)
            {
                Fail(_last + 1, $"records {_last + 1}..{beyond[^1]} are missing (truncated): a signed checkpoint covers record {beyond[^1]}");
            }
            else if (_head is not null && _head.Sequence < StartSequence)
            {
                Fail(_head.Sequence, $"the signed head (record {_head.Sequence}) is older than the archive anchor at record {StartSequence}: it was rolled back");
            }
            else if (_head is null && _last > 0)
            {
                Fail(null, $"the signed head is missing: records after the last checkpoint may have been removed");
            }
        }

        return new AuditVerificationResult(!Failed, _count, _checkpointsChecked, _last, _badSequence, _problem, _key.KeyId);
    }

    private bool CheckSeal(long sequence, byte[] sealedHash, long createdAt, string keyId, byte[] signature, byte[] actualHash, string what)
    {
        if (!string.Equals(keyId, _key.KeyId, StringComparison.Ordinal))
        {
            return Fail(sequence, $"the {what} at record {sequence} was signed by key {keyId}, not the trusted key {_key.KeyId}");
        }

        if (!_key.Verify(AuditCanonical.CheckpointPayload(sequence, sealedHash, createdAt), signature))
        {
            return Fail(sequence, $"the {what} at record {sequence} has an invalid signature (forged or altered)");
        }

        if (!sealedHash.AsSpan().SequenceEqual(actualHash))
        {
            return Fail(sequence, $"record {sequence} does not match its signed {what}: the chain up to it was rewritten");
        }

        return true;
    }

    private bool Fail(long? sequence, string problem)
    {
        if (_problem is null)
        {
            _badSequence = sequence;
            _problem = problem;
        }

        return false;
    }
}
