#region fal-options
using Pikumo.ImageGen;

var options = new ImageGenOptions();
options.Provider = ImageProvider.Fal;                       // the key comes from FAL_KEY
options.Fal.EditEndpoint = "openai/gpt-image-2/edit";
options.Fal.UseQueue = true;                                // submit, poll, fetch; cancelled jobs get a cancel call
options.Fal.InlineImageLimitBytes = 10 * 1024 * 1024;       // larger references are uploaded to fal's CDN first
options.Fal.MaxDownloadBytes = 64 * 1024 * 1024;            // result images: public https only, size-capped
options.Fal.LostSubmissionSearch = TimeSpan.FromMinutes(5); // a resumed sequence finds a submission whose id it lost
using var client = new ImageGenClient(options);
#endregion
