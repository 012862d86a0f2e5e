#region privacy-consent
using Pikumo.ImageGen;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

var options = new ImageGenOptions { Provider = ImageProvider.OpenAI, RequireConsent = true };   // or "RequireConsent": true in configuration
using var client = new ImageGenClient(options);

var consent = new ConsentRecord
{
    Subject = "Mia",
    GrantedBy = "Mia's mother",
    GrantedAt = new DateTimeOffset(2026, 5, 26, 9, 0, 0, TimeSpan.Zero),
    Scope = "a four-page illustrated day-in-the-life storybook, deleted after 30 days",
    Reference = "consent-form-2026-0042",
};
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithConsent(consent).WithStyle(ImageStyle.Dreamscape),
    ["Mia wakes up", "Mia brews coffee", "Mia walks to the station", "Mia sketches at her desk"],
    [ImageInput.FromFile("mia.png")]);
// Without .WithConsent(consent), an identity-locked edit of this client throws ImageGenConsentRequiredException before sending.
#endregion
