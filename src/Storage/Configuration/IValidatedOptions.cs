namespace EditorialBot.Storage.Configuration;

/// <summary>
/// One configuration section as a class: bound once by <see cref="ValidatedOptionsExtensions.AddValidatedOptions{T}"/>,
/// checked when the host starts, and listed by <c>doctor</c>.
/// </summary>
public interface IValidatedOptions
{
    /// <summary>The configuration section, e.g. <c>Review</c>.</summary>
    static abstract string Section { get; }

    /// <summary>Every problem with the bound values, each naming the key (<c>Section:Key</c>) and saying what to set.</summary>
    IEnumerable<string> Problems();

    /// <summary>Reads what belongs to the section but lives elsewhere by convention (e.g. <c>ConnectionStrings:*</c>); after binding, before <see cref="Problems"/>.</summary>
    void BindOutsideSection(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
    }
}
