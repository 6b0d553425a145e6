using System.Runtime.InteropServices;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// The few functions of libpocketsphinx / libsphinxbase (Debian bookworm: libpocketsphinx3, libsphinxbase3, pulled in by
/// the pocketsphinx package) the offline recogniser calls: parse a command line into a configuration, create a
/// decoder, decode one whole utterance, read the hypothesis, free.
/// </summary>
internal static class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    /// <summary>The argument definitions of the decoder (<c>arg_t const *ps_args(void)</c>).</summary>
    [DllImport(PocketSphinx, EntryPoint = "ps_args")]
    internal static extern IntPtr Arguments();

    /// <summary><c>cmd_ln_t *cmd_ln_parse_r(cmd_ln_t *inout, arg_t const *defn, int32 argc, char *argv[], int32 strict)</c>; argv[0] is the program name (LPStr is UTF-8 on Linux).</summary>
    [DllImport(SphinxBase, EntryPoint = "cmd_ln_parse_r")]
    internal static extern IntPtr ParseArguments(IntPtr existing, IntPtr definitions, int argc, [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string[] argv, int strict);

    [DllImport(SphinxBase, EntryPoint = "cmd_ln_free_r")]
    internal static extern int FreeArguments(IntPtr config);

    /// <summary><c>void err_set_logfp(FILE *)</c>: NULL turns the library's (process-wide) log off.</summary>
    [DllImport(SphinxBase, EntryPoint = "err_set_logfp")]
    internal static extern void SetLogFile(IntPtr file);

    [DllImport(PocketSphinx, EntryPoint = "ps_init")]
    internal static extern IntPtr Init(IntPtr config);

    [DllImport(PocketSphinx, EntryPoint = "ps_free")]
    internal static extern int Free(IntPtr decoder);

    [DllImport(PocketSphinx, EntryPoint = "ps_start_utt")]
    internal static extern int StartUtterance(IntPtr decoder);

    /// <summary><c>int ps_process_raw(ps_decoder_t *, int16 const *data, size_t n_samples, int no_search, int full_utt)</c>.</summary>
    [DllImport(PocketSphinx, EntryPoint = "ps_process_raw")]
    internal static extern int ProcessRaw(IntPtr decoder, short[] data, nuint samples, int noSearch, int fullUtterance);

    [DllImport(PocketSphinx, EntryPoint = "ps_end_utt")]
    internal static extern int EndUtterance(IntPtr decoder);

    /// <summary><c>char const *ps_get_hyp(ps_decoder_t *, int32 *out_best_score)</c>: owned by the decoder, valid until the next utterance.</summary>
    [DllImport(PocketSphinx, EntryPoint = "ps_get_hyp")]
    internal static extern IntPtr GetHypothesis(IntPtr decoder, out int bestScore);
}
