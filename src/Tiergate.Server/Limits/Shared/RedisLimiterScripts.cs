namespace Tiergate.Server.Limits.Shared;

/// <summary>
/// The Lua that Redis runs for admission and settlement: each call is one round trip and runs atomically
/// on the server, so instances never interleave between the check and the reservation.
/// </summary>
internal static class RedisLimiterScripts
{
    /// <summary>
    /// KEYS: request bucket (hash tokens/at), minute window, day window. ARGV: now (ms), requests per minute,
    /// tokens per minute, tokens per day (0: no limit), tokens to reserve, minute key TTL (s), day key TTL (s).
    /// Returns "0" (admitted), "1:LEVEL" (request bucket empty; LEVEL is what it holds), "2" (tokens per minute), "3" (tokens per day).
    /// A window key is written only when its limit is set, so an unlimited tier costs no writes.
    /// </summary>
    public const string Reserve = """
        local now = tonumber(ARGV[1])
        local rpm = tonumber(ARGV[2])
        local tpm = tonumber(ARGV[3])
        local tpd = tonumber(ARGV[4])
        local tokens = tonumber(ARGV[5])
        local level = 0
        if rpm > 0 then
          local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
          level = tonumber(b[1])
          local at = tonumber(b[2])
          if level == nil or at == nil then
            level = rpm
            at = now
          end
          level = math.min(rpm, level + math.max(0, now - at) * rpm / 60000)
          if level < 1 then
            return '1:' .. string.format('%.17g', level)
          end
        end
        if tpm > 0 and tonumber(redis.call('GET', KEYS[2]) or '0') + tokens > tpm then
          return '2'
        end
        if tpd > 0 and tonumber(redis.call('GET', KEYS[3]) or '0') + tokens > tpd then
          return '3'
        end
        if rpm > 0 then
          redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', level - 1), 'at', ARGV[1])
          redis.call('EXPIRE', KEYS[1], 120)
        end
        if tpm > 0 then
          redis.call('INCRBY', KEYS[2], tokens)
          redis.call('EXPIRE', KEYS[2], tonumber(ARGV[6]))
        end
        if tpd > 0 then
          redis.call('INCRBY', KEYS[3], tokens)
          redis.call('EXPIRE', KEYS[3], tonumber(ARGV[7]))
        end
        return '0'
        """;

    /// <summary>
    /// KEYS: the window keys the reservation was counted in. ARGV: delta (at most zero). A window that has
    /// expired holds nothing to give back; a count never goes below zero. INCRBY keeps the key's TTL.
    /// </summary>
    public const string Settle = """
        local delta = tonumber(ARGV[1])
        for _, key in ipairs(KEYS) do
          local held = redis.call('GET', key)
          if held then
            if tonumber(held) + delta < 0 then
              redis.call('SET', key, 0, 'KEEPTTL')
            else
              redis.call('INCRBY', key, delta)
            end
          end
        end
        return 0
        """;
}
