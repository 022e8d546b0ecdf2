// Use Debian's chromium; never download a browser (see the README, "Accessibility check").
module.exports = { skipDownload: true, executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' };
