using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EditorialBot.Storage.Configuration;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to its section of <paramref name="configuration"/> and validates it when the host
    /// starts. A value that cannot be read (e.g. <c>Review:RequiredApprovals=many</c>) is a validation failure like any
    /// other, so every failure is reported at once instead of the first one stopping the binder.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration)
        where T : class, IValidatedOptions, new()
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new SectionValidator<T>(configuration)));
        return services.AddOptions<T>()
            .Configure(options =>
            {
                SectionBinder.Bind(configuration.GetSection(T.Section), options, problems: null);
                options.BindOutsideSection(configuration);
            })
            .ValidateOnStart();
    }

    private sealed class SectionValidator<T>(IConfiguration configuration) : IValidateOptions<T>
        where T : class, IValidatedOptions, new()
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            // Unreadable values are found by binding afresh; the rules run on the options as finally configured.
            List<string> problems = [];
            SectionBinder.Bind(configuration.GetSection(T.Section), new T(), problems);
            problems.AddRange(options.Problems());
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
