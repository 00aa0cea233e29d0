// Apps Script's Date speaks the script time zone; the runtime reads TZ from here.
module.exports = async () => { process.env.TZ = 'Asia/Seoul'; };
